import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailSettings } from './email-settings';
import { createSesClient } from './ses-client.provider';

const settings: EmailSettings = {
  fromAddress: 'no-reply@buyers.example.eu',
  region: 'eu-central-1',
  maxConcurrency: 2,
  bulkSize: 1,
  maxAttempts: 1,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 10,
  pauseCooldownMs: 10,
  requestTimeoutMs: 1_000,
  connectTimeoutMs: 1_000,
};

interface CapturedRequest {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
}

class RequestCaptured extends Error {
  constructor(readonly request: CapturedRequest) {
    super('captured before sending');
  }
}

/** Where the client would send a request: caught after the endpoint is resolved, before signing or the network. */
async function resolvedTarget(client: SESv2Client): Promise<URL> {
  client.middlewareStack.add(
    (_next, _context) => (args) => Promise.reject(new RequestCaptured(args.request as CapturedRequest)),
    { step: 'build', priority: 'low', name: 'captureRequest' },
  );
  try {
    await client.send(new GetAccountCommand({}));
  } catch (error) {
    if (error instanceof RequestCaptured) {
      const { protocol, hostname, port, path } = error.request;
      return new URL(`${protocol}//${hostname}${port ? `:${port}` : ''}${path}`);
    }
    throw error;
  } finally {
    client.destroy();
  }
  throw new Error('the request was not captured');
}

describe('SES client endpoint', () => {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  // The client has no credentials of its own: the SDK's default chain finds these in the environment.
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'endpoint-spec';
    process.env.AWS_SECRET_ACCESS_KEY = 'endpoint-spec';
  });

  afterAll(() => {
    restore('AWS_ACCESS_KEY_ID', saved.id);
    restore('AWS_SECRET_ACCESS_KEY', saved.secret);
  });

  it('resolves the regional AWS endpoint over https when SES_ENDPOINT is unset', async () => {
    const target = await resolvedTarget(createSesClient({ ...settings, endpoint: undefined }));

    expect(target.protocol).toBe('https:');
    expect(target.host).toBe('email.eu-central-1.amazonaws.com');
  });

  it('uses the configured endpoint, such as the local emulator, when SES_ENDPOINT is set', async () => {
    const target = await resolvedTarget(createSesClient({ ...settings, endpoint: 'http://127.0.0.1:18005' }));

    expect(target.protocol).toBe('http:');
    expect(target.host).toBe('127.0.0.1:18005');
  });

  it('gives each request a timeout and leaves retries to the sender', async () => {
    const client = createSesClient(settings);
    try {
      await expect(client.config.maxAttempts()).resolves.toBe(1);
      const handlerConfig = await (client.config.requestHandler as { configProvider?: Promise<object> })
        .configProvider;
      expect(handlerConfig).toMatchObject({
        requestTimeout: 1_000,
        throwOnRequestTimeout: true,
        connectionTimeout: 1_000,
      });
    } finally {
      client.destroy();
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
