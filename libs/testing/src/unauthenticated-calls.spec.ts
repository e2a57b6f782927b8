import { Controller, Delete, Get, INestApplication, Module, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp } from '@notify/bootstrap';
import { AuthModule, Public } from '@notify/security';
import type { App } from 'supertest/types';
import { callEveryRouteWithoutToken, expectEveryOperationRequiresAuth } from './unauthenticated-calls';

@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health(): string {
    return 'ok';
  }

  @Get('communities/:id')
  community(@Param('id') id: string): string {
    return id;
  }

  @Delete('communities/:id/members/:userId')
  removeMember(): void {}
}

@Module({
  imports: [AuthModule.forRoot({ jwtSecret: 'unauthenticated-calls-spec-secret-0123456789' })],
  controllers: [ProbeController],
})
class ProbeModule {}

describe('unauthenticated calls', () => {
  let app: INestApplication<App>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: false }), {
      service: 'probe',
      description: 'Probe service.',
    }) as INestApplication<App>;
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('calls every documented operation, filling path parameters', async () => {
    const calls = await callEveryRouteWithoutToken(app.getHttpServer());

    expect(calls.sort((a, b) => a.route.localeCompare(b.route))).toEqual([
      { route: 'DELETE /communities/{id}/members/{userId}', status: 401 },
      { route: 'GET /communities/{id}', status: 401 },
      { route: 'GET /health', status: 200 },
    ]);
  });

  it('passes when exactly the declared operations are public', async () => {
    await expectEveryOperationRequiresAuth(app.getHttpServer(), {
      publicOperations: ['GET /health'],
      expectedOperations: ['GET /communities/{id}'],
    });
  });

  it('fails when an operation answers without a token but is not declared public', async () => {
    await expect(
      expectEveryOperationRequiresAuth(app.getHttpServer(), {
        publicOperations: [],
        expectedOperations: ['GET /communities/{id}'],
      }),
    ).rejects.toThrow(/GET \/health/);
  });

  it('fails when a declared public operation requires a token', async () => {
    await expect(
      expectEveryOperationRequiresAuth(app.getHttpServer(), {
        publicOperations: ['GET /health', 'GET /communities/{id}'],
        expectedOperations: [],
      }),
    ).rejects.toThrow(/GET \/communities\/\{id\}/);
  });

  it('fails when the document lacks an expected operation', async () => {
    await expect(
      expectEveryOperationRequiresAuth(app.getHttpServer(), {
        publicOperations: ['GET /health'],
        expectedOperations: ['POST /communities'],
      }),
    ).rejects.toThrow(/POST \/communities/);
  });
});
