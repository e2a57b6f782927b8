import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { connect, type Socket } from 'node:net';
import { bootstrapService } from './bootstrap-service';

@Controller('ping')
class PingController {
  @Get()
  ping(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

const HEADERS_TIMEOUT_MS = 500;
const KEEP_ALIVE_TIMEOUT_MS = 300;

interface Conversation {
  socket: Socket;
  /** Everything the server sent, and when it closed the connection (ms after connecting). */
  received: () => string;
  closed: Promise<number>;
}

function converse(port: number): Promise<Conversation> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - started)));
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, received: () => received, closed }));
  });
}

describe('HTTP server timeouts', () => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    app = await bootstrapService(PingModule, {
      service: 'ping',
      description: 'Times out slow clients.',
      port: 0,
      host: '127.0.0.1',
      httpTimeouts: {
        headersTimeoutMs: HEADERS_TIMEOUT_MS,
        requestTimeoutMs: 2_000,
        keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
      },
    });
    port = Number(new URL(await app.getUrl()).port);
  });

  afterAll(async () => {
    await app.close();
    jest.restoreAllMocks();
  });

  it('answers 408 and disconnects a client that sends its headers too slowly', async () => {
    const client = await converse(port);
    client.socket.write('GET /ping HTTP/1.1\r\nHost: localhost\r\n');
    // One header line every 100 ms: each byte keeps the socket busy, but the headers never end.
    const trickle = setInterval(() => client.socket.writable && client.socket.write('X-Slow: 1\r\n'), 100);
    try {
      const closedAfterMs = await client.closed;

      expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS * 4);
    } finally {
      clearInterval(trickle);
      client.socket.destroy();
    }
  });

  it('serves a client that sends its request in time, then closes the idle keep-alive connection', async () => {
    const client = await converse(port);
    client.socket.write('GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');

    const closedAfterMs = await client.closed;

    expect(client.received()).toMatch(/^HTTP\/1\.1 200 [\s\S]*\{"ok":true\}$/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 50);
    // Node keeps the socket up to a second beyond the advertised keep-alive, for requests already on the way.
    expect(closedAfterMs).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS + 3_000);
  });
});
