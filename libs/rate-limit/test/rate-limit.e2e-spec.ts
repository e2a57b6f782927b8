import { Controller, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSource, typeOrmOptions } from '@notify/persistence';
import { AuthModule } from '@notify/security';
import { createTestSchema, getTestInfra, signTestJwt, uniqueId, type TestSchema } from '@notify/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import {
  forgetRateLimitSubject,
  RateLimit,
  RateLimitCleanup,
  RateLimitCounters1796300000000,
  RateLimitModule,
} from '../src';

const SECRET = 'rate-limit-e2e-secret-0123456789abcdefgh';
const HOUR = 3_600_000;

@Controller('actions')
class ActionsController {
  @Post('ping')
  @RateLimit('ping')
  ping(): { ok: true } {
    return { ok: true };
  }
}

/** One replica: its own Nest app and connection pool, the shared schema and clock. */
async function startReplica(schema: string, now: () => Date): Promise<INestApplication<App>> {
  const { postgres } = await getTestInfra();
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot({ jwtSecret: SECRET }),
      TypeOrmModule.forRootAsync({
        useFactory: () =>
          typeOrmOptions({ ...postgres, schema, migrations: [RateLimitCounters1796300000000] }),
        dataSourceFactory: (options) => createDataSource(options!),
      }),
      RateLimitModule.forRootAsync({
        useFactory: () => ({ rules: { ping: { limit: 3, windowMs: HOUR } }, cleanupIntervalMs: 0, now }),
      }),
    ],
    controllers: [ActionsController],
  }).compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({ logger: ['error'] });
  await app.init();
  return app;
}

describe('rate limits counted in PostgreSQL', () => {
  let schema: TestSchema;
  let replicas: INestApplication<App>[];
  let now = new Date('2026-12-05T10:45:00.000Z');

  beforeAll(async () => {
    schema = await createTestSchema('rate_limit');
    replicas = [await startReplica(schema.schema, () => now)];
    replicas.push(await startReplica(schema.schema, () => now));
  });

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((app) => app.close()));
    await schema?.drop();
  });

  const ping = async (replica: number, userId: string, roles?: string[]): Promise<request.Response> =>
    request(replicas[replica].getHttpServer())
      .post('/actions/ping')
      .auth(await signTestJwt({ sub: userId, roles }, SECRET), { type: 'bearer' });

  it('shares one count between replicas and answers the 4th request of the hour with 429 and Retry-After', async () => {
    const userId = uniqueId('user');
    now = new Date('2026-12-05T10:45:00.000Z');

    expect((await ping(0, userId)).status).toBe(201);
    expect((await ping(1, userId)).status).toBe(201);
    expect((await ping(0, userId)).status).toBe(201);
    const refused = await ping(1, userId);

    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect(refused.body).toMatchObject({ statusCode: 429, action: 'ping', limit: 3, retryAfterSeconds: 900 });
    expect((await ping(0, uniqueId('other-user'))).status).toBe(201);

    now = new Date('2026-12-05T11:00:00.000Z');
    expect((await ping(0, userId)).status).toBe(201);
  });

  it('counts concurrent requests exactly', async () => {
    const userId = uniqueId('user');
    now = new Date('2026-12-05T12:10:00.000Z');

    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => ping(i % 2, userId)));

    expect(responses.filter((response) => response.status === 201)).toHaveLength(3);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(5);
  });

  it('does not limit platform services', async () => {
    const results = [];
    for (let i = 0; i < 5; i += 1) {
      results.push((await ping(i % 2, 'portal-backend', ['service'])).status);
    }
    expect(results).toEqual([201, 201, 201, 201, 201]);
  });

  it('deletes the counters of ended windows and keeps the current ones', async () => {
    const dataSource = replicas[0].get(DataSource);
    now = new Date('2026-12-05T13:30:00.000Z');
    await ping(0, uniqueId('user'));
    const before: { count: string }[] = await dataSource.query('SELECT count(*) FROM rate_limit_counters');

    const deleted = await replicas[1].get(RateLimitCleanup).run();

    const after: { count: string }[] = await dataSource.query('SELECT count(*) FROM rate_limit_counters');
    expect(Number(after[0].count)).toBe(1);
    expect(deleted).toBe(Number(before[0].count) - 1);
  });

  it("forgets a user's counters on erasure", async () => {
    const userId = uniqueId('user');
    now = new Date('2026-12-05T14:10:00.000Z');
    for (let i = 0; i < 3; i += 1) {
      await ping(0, userId);
    }
    expect((await ping(1, userId)).status).toBe(429);

    await forgetRateLimitSubject(replicas[0].get(DataSource).manager, userId);

    expect((await ping(1, userId)).status).toBe(201);
  });
});
