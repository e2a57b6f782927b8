import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule } from '@notify/security';
import request from 'supertest';
import { ObservabilityModule } from './observability.module';
import { LivenessRegistry, ReadinessRegistry } from './readiness.registry';
import { TraceContext } from './trace-context';
import { parseTraceparent } from './traceparent';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

@Controller('probe')
class ProbeController {
  @Get()
  trace(): { traceparent?: string } {
    return { traceparent: TraceContext.current() };
  }
}

async function createApp(service: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot({ jwtSecret: 'observability-spec-secret-0123456789abc' }),
      ObservabilityModule.forRoot({ service, readinessTimeoutMs: 200 }),
    ],
    controllers: [ProbeController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('ObservabilityModule', () => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await createApp('communities');
  });

  afterEach(async () => {
    await app.close();
  });

  it('serves liveness without a token', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);

    expect(response.body).toEqual({ status: 'ok', service: 'communities' });
  });

  it('fails liveness with 503 when a check only a restart repairs fails, whatever readiness says', async () => {
    app.get(ReadinessRegistry).register('database', () => Promise.resolve());
    app.get(LivenessRegistry).register('kafka-consumer', () => Promise.reject(new Error('crashed')));

    const response = await request(app.getHttpServer()).get('/health').expect(503);

    expect(response.body).toEqual({ status: 'unavailable', checks: { 'kafka-consumer': 'failed' } });
    await request(app.getHttpServer()).get('/health/ready').expect(200);
  });

  it('is ready when every registered check passes', async () => {
    app.get(ReadinessRegistry).register('database', () => Promise.resolve());

    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);

    expect(response.body).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('answers 503 naming the failing check', async () => {
    const registry = app.get(ReadinessRegistry);
    registry.register('database', () => Promise.resolve());
    registry.register('kafka', () => Promise.reject(new Error('not connected')));

    const response = await request(app.getHttpServer()).get('/health/ready').expect(503);

    expect(response.body).toEqual({ status: 'unavailable', checks: { database: 'ok', kafka: 'failed' } });
  });

  it('exposes default and HTTP metrics in Prometheus format', async () => {
    await request(app.getHttpServer()).get('/health').expect(200);

    const response = await request(app.getHttpServer()).get('/metrics').expect(200);

    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toContain('process_cpu_user_seconds_total{service="communities"}');
    const utilization = /^nodejs_eventloop_utilization_ratio\{service="communities"\} (\S+)$/m.exec(
      response.text,
    );
    expect(Number(utilization?.[1])).toBeGreaterThan(0);
    expect(Number(utilization?.[1])).toBeLessThanOrEqual(1);
    expect(response.text).toContain(
      'http_request_duration_seconds_count{service="communities",method="GET",route="/health",status="200"} 1',
    );
  });

  it('labels requests that match no route without their path', async () => {
    await request(app.getHttpServer()).get('/no/such/page/12345').expect(404);

    const response = await request(app.getHttpServer()).get('/metrics').expect(200);

    expect(response.text).toContain(
      'http_request_duration_seconds_count{service="communities",method="GET",route="unmatched",status="404"} 1',
    );
    expect(response.text).not.toContain('12345');
  });

  it('still protects application routes', async () => {
    await request(app.getHttpServer()).get('/probe').expect(401);
  });

  it('keeps metrics of two applications in one process apart', async () => {
    const other = await createApp('moderation');
    try {
      const response = await request(other.getHttpServer()).get('/metrics').expect(200);

      expect(response.text).toContain('service="moderation"');
      expect(response.text).not.toContain('service="communities"');
    } finally {
      await other.close();
    }
  });
});

describe('request tracing', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ service: 'dispatcher' })],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('continues the caller trace and returns the server span', async () => {
    const response = await request(app.getHttpServer())
      .get('/probe')
      .set('traceparent', INCOMING)
      .expect(200);
    const body = response.body as { traceparent: string };
    const returned = parseTraceparent(response.headers['traceparent']);

    expect(returned?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(returned?.parentId).not.toBe('00f067aa0ba902b7');
    expect(body.traceparent).toBe(response.headers['traceparent']);
  });

  it('starts a trace when the caller sends none', async () => {
    const response = await request(app.getHttpServer()).get('/probe').expect(200);

    expect(parseTraceparent(response.headers['traceparent'])).toBeDefined();
  });
});
