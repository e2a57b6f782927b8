import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Public } from '@notify/security';
import request from 'supertest';
import { configureApp } from './bootstrap-service';

@Public()
@Controller('health')
class OpenController {
  @Get()
  live(): string {
    return 'ok';
  }
}

@Controller('links')
class MixedController {
  @Public()
  @Get('unsubscribe')
  preview(): string {
    return 'page';
  }

  @Post('unsubscribe')
  @Public()
  unsubscribe(): string {
    return 'done';
  }

  @Get('mine')
  mine(): string {
    return 'private';
  }
}

@Module({ controllers: [OpenController, MixedController] })
class RoutesModule {}

interface DocsJson {
  security: unknown;
  paths: Record<string, Record<string, { security?: unknown }>>;
}

/** What a client must send for an operation: its own `security`, else the document's. */
function effectiveSecurity(document: DocsJson, path: string, method: string): unknown {
  const operation = document.paths[path]?.[method];
  if (!operation) {
    throw new Error(`no ${method} ${path} in the document`);
  }
  return operation.security ?? document.security;
}

describe('OpenAPI security of public routes', () => {
  let app: INestApplication;
  let document: DocsJson;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [RoutesModule] }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: false }), {
      service: 'links',
      description: 'Routes under test.',
    });
    await app.init();
    document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as DocsJson;
  });

  afterAll(async () => {
    await app.close();
  });

  it('requires no credentials for a route of a controller marked public', () => {
    expect(effectiveSecurity(document, '/health', 'get')).toEqual([]);
  });

  it('requires no credentials for a route marked public, whatever the decorator order', () => {
    expect(effectiveSecurity(document, '/links/unsubscribe', 'get')).toEqual([]);
    expect(effectiveSecurity(document, '/links/unsubscribe', 'post')).toEqual([]);
  });

  it('requires a bearer token for every other route', () => {
    expect(effectiveSecurity(document, '/links/mine', 'get')).toEqual([{ bearer: [] }]);
  });
});
