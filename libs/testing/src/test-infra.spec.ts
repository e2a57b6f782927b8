import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

jest.mock('./docker-infra', () => ({
  dockerAvailable: jest.fn(),
  startKafkaContainer: jest.fn(),
  startPostgresContainer: jest.fn(),
}));
jest.mock('./ses-emulator-process', () => ({ startSesEmulator: jest.fn() }));

type DockerInfra = typeof import('./docker-infra');
type SesEmulator = typeof import('./ses-emulator-process');
type Infra = typeof import('./test-infra');

const ENV_NAMES = ['KAFKA_BROKERS', 'PGHOST', 'PGPORT', 'SES_ENDPOINT'] as const;

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('getTestInfra', () => {
  const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  let kafka: Server;
  let postgres: Server;
  let ses: Server;
  let docker: jest.Mocked<DockerInfra>;
  let sesEmulator: jest.Mocked<SesEmulator>;
  let getTestInfra: Infra['getTestInfra'];

  beforeAll(async () => {
    [kafka, postgres, ses] = await Promise.all([listen(), listen(), listen()]);
  });

  afterAll(async () => {
    await Promise.all(
      [kafka, postgres, ses].map((server) => new Promise((resolve) => server.close(resolve))),
    );
  });

  beforeEach(() => {
    jest.resetModules();
    docker = jest.requireMock<jest.Mocked<DockerInfra>>('./docker-infra');
    sesEmulator = jest.requireMock<jest.Mocked<SesEmulator>>('./ses-emulator-process');
    ({ getTestInfra } = jest.requireActual<Infra>('./test-infra'));
    process.env.KAFKA_BROKERS = `127.0.0.1:${portOf(kafka)}`;
    process.env.PGHOST = '127.0.0.1';
    process.env.PGPORT = String(portOf(postgres));
    process.env.SES_ENDPOINT = `http://127.0.0.1:${portOf(ses)}`;
  });

  afterEach(() => {
    for (const name of ENV_NAMES) {
      if (saved[name] === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = saved[name];
      }
    }
  });

  it('uses the local endpoints when they answer, once per process', async () => {
    const infra = await getTestInfra();

    expect(infra).toEqual({
      kafkaBrokers: [`127.0.0.1:${portOf(kafka)}`],
      postgres: expect.objectContaining({ host: '127.0.0.1', port: portOf(postgres) }),
      sesEndpoint: `http://127.0.0.1:${portOf(ses)}`,
      // The local broker's access as `npm run infra -- up` left it (client files), secured or not.
      kafkaAccess: expect.objectContaining({ secured: expect.any(Boolean) }),
    });
    await expect(getTestInfra()).resolves.toBe(infra);
    expect(docker.dockerAvailable).not.toHaveBeenCalled();
    expect(sesEmulator.startSesEmulator).not.toHaveBeenCalled();
  });

  it('names the silent endpoint and the command to run when no Docker engine is available', async () => {
    process.env.KAFKA_BROKERS = `127.0.0.1:${await closedPort()}`;
    docker.dockerAvailable.mockResolvedValue(false);

    await expect(getTestInfra()).rejects.toThrow(
      new RegExp(
        `Kafka at 127\\.0\\.0\\.1:${process.env.KAFKA_BROKERS.split(':')[1]} did not answer.*npm run infra -- up`,
      ),
    );
  });

  it('starts only the missing dependency in a container when Docker is available', async () => {
    process.env.PGPORT = String(await closedPort());
    docker.dockerAvailable.mockResolvedValue(true);
    const containerPostgres = {
      host: 'localhost',
      port: 32768,
      user: 'test',
      password: 'test',
      database: 'test',
    };
    docker.startPostgresContainer.mockResolvedValue(containerPostgres);

    const infra = await getTestInfra();

    expect(infra.postgres).toEqual(containerPostgres);
    expect(infra.kafkaBrokers).toEqual([`127.0.0.1:${portOf(kafka)}`]);
    expect(docker.startKafkaContainer).not.toHaveBeenCalled();
  });

  it('talks to a container broker without credentials', async () => {
    process.env.KAFKA_BROKERS = `127.0.0.1:${await closedPort()}`;
    docker.dockerAvailable.mockResolvedValue(true);
    docker.startKafkaContainer.mockResolvedValue(['localhost:32769']);

    const infra = await getTestInfra();

    expect(infra.kafkaBrokers).toEqual(['localhost:32769']);
    expect(infra.kafkaAccess.secured).toBe(false);
    expect(infra.kafkaAccess.serviceEnv('communities')).toEqual({ KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' });
    expect(infra.kafkaAccess.clientSecurity('admin')).toEqual({});
  });

  it('starts the SES emulator itself when its port is silent', async () => {
    process.env.SES_ENDPOINT = `http://127.0.0.1:${await closedPort()}`;
    sesEmulator.startSesEmulator.mockResolvedValue();

    await getTestInfra();

    expect(sesEmulator.startSesEmulator).toHaveBeenCalledWith(process.env.SES_ENDPOINT);
  });
});
