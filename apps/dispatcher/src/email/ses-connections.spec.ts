import { Logger } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { EmailSender } from './email-sender.service';
import type { EmailSettings } from './email-settings';
import { TransientEmailError } from './email.errors';
import { createSesClient } from './ses-client.provider';
import { SesEmailGateway } from './ses-email.gateway';

const settings: EmailSettings = {
  fromAddress: 'no-reply@buyers.example.eu',
  region: 'eu-central-1',
  maxSendRate: 1000,
  maxConcurrency: 2,
  bulkSize: 1,
  maxAttempts: 3,
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 10,
  pauseCooldownMs: 10,
  requestTimeoutMs: 2_000,
  connectTimeoutMs: 1_000,
};

const email = {
  to: 'member@buyers.example.eu',
  subject: 'Welcome',
  html: '<p>Welcome</p>',
  text: 'Welcome',
  notificationId: 'n-1',
};

type Answer = (response: ServerResponse) => void;

const accepted: Answer = (response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ MessageId: 'm-1' }));
};
const throttled: Answer = (response) => {
  response.writeHead(429, {
    'content-type': 'application/json',
    'x-amzn-errortype': 'TooManyRequestsException',
  });
  response.end(JSON.stringify({ message: 'Maximum sending rate exceeded.' }));
};
const unavailable: Answer = (response) => {
  response.writeHead(503, { 'content-type': 'application/json' });
  response.end('{}');
};

/** An SES endpoint answering SendEmail calls in turn with `script` (then accepting), counting calls and connections. */
async function scriptedEndpoint(script: Answer[] = [], delayMs = 0) {
  const state = { calls: 0, connections: 0, inFlight: 0, maxInFlight: 0 };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      const answer = script[state.calls] ?? accepted;
      state.calls += 1;
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      setTimeout(() => {
        state.inFlight -= 1;
        answer(response);
      }, delayMs);
    });
  });
  server.on('connection', () => (state.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${port}`, state, close };
}

async function senderFor(endpoint: string) {
  const merged = { ...settings, endpoint };
  const gateway = new SesEmailGateway(createSesClient(merged), merged);
  const registry = new Registry();
  const sender = new EmailSender(gateway, merged, new MetricsService(registry));
  await sender.onModuleInit();
  const senderRetries = async (): Promise<number> => {
    const metric = await registry.getSingleMetric('dispatcher_email_retries_total')?.get();
    return (metric?.values ?? []).reduce((sum, { value }) => sum + value, 0);
  };
  return { sender, gateway, senderRetries };
}

describe('SES client over HTTP', () => {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  beforeAll(() => {
    Logger.overrideLogger(false);
    process.env.AWS_ACCESS_KEY_ID = 'connections-spec';
    process.env.AWS_SECRET_ACCESS_KEY = 'connections-spec';
  });

  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
    restore('AWS_ACCESS_KEY_ID', saved.id);
    restore('AWS_SECRET_ACCESS_KEY', saved.secret);
  });

  it.each([
    ['throttling (429)', throttled],
    ['a server error (503)', unavailable],
  ])('retries %s in the sender, one HTTP call per attempt', async (_case, failure) => {
    const endpoint = await scriptedEndpoint([failure, failure]);
    const { sender, gateway, senderRetries } = await senderFor(endpoint.url);
    try {
      await expect(sender.send(email)).resolves.toEqual({ messageId: 'm-1' });
      expect(endpoint.state.calls).toBe(3);
      await expect(senderRetries()).resolves.toBe(2);
    } finally {
      gateway.onApplicationShutdown();
      await endpoint.close();
    }
  });

  it('gives up after the sender’s attempts, without SDK retries in between', async () => {
    const endpoint = await scriptedEndpoint([throttled, throttled, throttled, throttled]);
    const { sender, gateway } = await senderFor(endpoint.url);
    try {
      await expect(sender.send(email)).rejects.toBeInstanceOf(TransientEmailError);
      expect(endpoint.state.calls).toBe(settings.maxAttempts);
    } finally {
      gateway.onApplicationShutdown();
      await endpoint.close();
    }
  });

  it('keeps connections alive and opens at most maxConcurrency of them', async () => {
    const endpoint = await scriptedEndpoint([], 20);
    const { gateway } = await senderFor(endpoint.url);
    try {
      await Promise.all(Array.from({ length: 6 }, () => gateway.send(email)));
      for (let round = 0; round < 3; round++) {
        await gateway.send(email);
      }

      expect(endpoint.state.calls).toBe(9);
      expect(endpoint.state.maxInFlight).toBe(settings.maxConcurrency);
      expect(endpoint.state.connections).toBe(settings.maxConcurrency);
    } finally {
      gateway.onApplicationShutdown();
      await endpoint.close();
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
