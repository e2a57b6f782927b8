import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmailSettings } from './email-settings';
import { createSesClient } from './ses-client.provider';
import { SesEmailGateway } from './ses-email.gateway';
import { classifySesFailure } from './ses-failure';

const REQUEST_TIMEOUT_MS = 600;

const settings: EmailSettings = {
  fromAddress: 'no-reply@buyers.example.eu',
  region: 'eu-central-1',
  maxConcurrency: 2,
  bulkSize: 1,
  maxAttempts: 1,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 10,
  pauseCooldownMs: 10,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  connectTimeoutMs: 300,
};

const email = {
  to: 'member@buyers.example.eu',
  subject: 'Welcome',
  html: '<p>Welcome</p>',
  text: 'Welcome',
  notificationId: 'n-1',
};

/** An endpoint that accepts connections and reads requests but never answers them. */
async function silentEndpoint(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((request: IncomingMessage) => {
    received.push(`${request.method} ${request.url}`);
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

describe('SES calls to an endpoint that never answers', () => {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  let endpoint: Awaited<ReturnType<typeof silentEndpoint>>;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'timeout-spec';
    process.env.AWS_SECRET_ACCESS_KEY = 'timeout-spec';
    endpoint = await silentEndpoint();
  });

  afterAll(async () => {
    endpoint.server.closeAllConnections();
    await new Promise((resolve) => endpoint.server.close(resolve));
    restore('AWS_ACCESS_KEY_ID', saved.id);
    restore('AWS_SECRET_ACCESS_KEY', saved.secret);
  });

  it('fail after the request timeout with an error the sender retries', async () => {
    const gateway = new SesEmailGateway(createSesClient({ ...settings, endpoint: endpoint.url }), settings);
    const started = Date.now();
    try {
      const outcome = await gateway.send(email).then(
        () => undefined,
        (error: unknown) => error,
      );
      const elapsedMs = Date.now() - started;

      expect(endpoint.received).toEqual(['POST /v2/email/outbound-emails']);
      expect(classifySesFailure(outcome)).toEqual({ kind: 'transient', code: 'TimeoutError' });
      expect(elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS * 4);
    } finally {
      gateway.onApplicationShutdown();
    }
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}
