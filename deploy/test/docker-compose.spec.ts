import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { composeCli, composeSchemaErrors, type ComposeFile, readCompose, ROOT } from './support/compose';
import { DEPLOYED, SERVICES } from './support/service-sources';

const PORTS = {
  communities: '3001',
  moderation: '3002',
  preferences: '3003',
  dispatcher: '3004',
  console: '3005',
};
/** One-shot jobs: they run to completion before what depends on them starts. */
const JOBS = ['kafka-certificates', 'kafka-setup'];

const compose = readCompose();
const longRunning = Object.keys(compose.services).filter((name) => !JOBS.includes(name));

describe('docker-compose.yml', () => {
  it('follows the Compose Specification schema', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('rejects a broken file, so a clean validation means something', () => {
    const broken = structuredClone(compose) as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.kafka.restart = 5;
    broken.services.kafka.healthcheck = { test: 'true', interval: 'soon' };

    expect(composeSchemaErrors(broken)).toEqual(
      expect.arrayContaining(['/services/kafka/restart must be string']),
    );
  });

  it('restarts and health-checks every long-running service, and starts it only once what it needs is up', () => {
    for (const name of longRunning) {
      const service = compose.services[name];
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
      expect([name, service.healthcheck?.test]).toEqual([name, expect.anything()]);
    }
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected = JOBS.includes(dependency) ? 'service_completed_successfully' : 'service_healthy';
        expect(`${name} -> ${dependency}: ${condition}`).toBe(`${name} -> ${dependency}: ${expected}`);
      }
    }
  });

  it('uses the database the README and `npm start` use: user postgres, no password, database test', () => {
    const postgres = compose.services.postgres.environment ?? {};
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

    expect(postgres).toMatchObject({ POSTGRES_DB: 'test', POSTGRES_HOST_AUTH_METHOD: 'trust' });
    expect(readme).toContain('user `postgres`, database `test`');
    for (const service of DEPLOYED) {
      const environment = compose.services[service].environment ?? {};
      expect(environment).toMatchObject({ PGHOST: 'postgres', PGUSER: 'postgres', PGDATABASE: 'test' });
      expect(environment).not.toHaveProperty('PGPASSWORD');
    }
  });

  it.each(DEPLOYED)(
    'builds %s from the shared Dockerfile and connects it to Kafka as its own principal',
    (service) => {
      const definition = compose.services[service];
      const ownCredentials = `kafka-user-${service}:/var/run/secrets/kafka:ro`;

      expect(definition.build).toMatchObject({
        dockerfile: 'deploy/docker/Dockerfile',
        args: { APP: service, PORT: PORTS[service] },
      });
      expect(definition.ports).toEqual([`${PORTS[service]}:${PORTS[service]}`]);
      expect(definition.environment).toMatchObject({
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: service,
        KAFKA_SASL_PASSWORD_FILE: '/var/run/secrets/kafka/password',
        KAFKA_CREATE_TOPICS: 'false',
      });
      expect((definition.volumes ?? []).filter((volume) => volume.startsWith('kafka-user-'))).toEqual([
        ownCredentials,
      ]);
    },
  );

  it.each(DEPLOYED)('gives %s the issuers, audience and secrets of both token kinds', (service) => {
    const environment = compose.services[service].environment ?? {};

    for (const variable of [
      'AUTH_JWT_SECRET',
      'AUTH_JWT_ISSUER',
      'AUTH_JWT_AUDIENCE',
      'AUTH_SERVICE_JWT_ISSUER',
      'AUTH_SERVICE_JWT_SECRET',
    ]) {
      expect(environment[variable]).toBeTruthy();
    }
    expect(environment.AUTH_SERVICE_JWT_ISSUER).not.toBe(environment.AUTH_JWT_ISSUER);
  });

  it('runs the Kafka version of `npm start`, with SASL_SSL, SCRAM and a principal for every service', () => {
    const kafka = compose.services.kafka.environment ?? {};
    const setup = readFileSync(path.join(ROOT, 'deploy/compose/kafka-setup.sh'), 'utf8');

    expect(kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).toBe(
      'CLIENT:SASL_SSL,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
    );
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toMatch(/^CLIENT:\/\/kafka:9092,BROKER:\/\/127\.0\.0\.1:\d+$/);
    expect(kafka).toMatchObject({
      KAFKA_SASL_ENABLED_MECHANISMS: 'SCRAM-SHA-512',
      KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: 'false',
    });
    const pom = readFileSync(path.join(ROOT, 'deploy/kafka/pom.xml'), 'utf8');
    const localVersion = /<kafka\.version>([^<]+)</.exec(pom)?.[1];

    expect(compose.services.kafka.image).toBe(`apache/kafka:${localVersion}`);
    for (const service of SERVICES) {
      expect(setup).toMatch(new RegExp(`^user ${service} `, 'm'));
      expect(setup).toMatch(new RegExp(`^group ${service}$`, 'm'));
    }
    // The console consumes nothing: its throw-away readers use groups named console-<uuid>.
    expect(setup).toMatch(/^user console /m);
    expect(setup).toMatch(/^group_prefix console$/m);
  });

  it('runs the console against the services by their compose names, with its secret from .env only', () => {
    const environment = compose.services.console.environment ?? {};
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');

    expect(environment).toMatchObject({
      COMMUNITIES_URL: 'http://communities:3001',
      MODERATION_URL: 'http://moderation:3002',
      PREFERENCES_URL: 'http://preferences:3003',
      DISPATCHER_URL: 'http://dispatcher:3004',
      CONSOLE_SESSION_SECRET: '${CONSOLE_SESSION_SECRET:?copy .env.example to .env}',
      CONSOLE_DEV_SIGN_IN: '${CONSOLE_DEV_SIGN_IN:-false}',
    });
    expect(example).toMatch(/^CONSOLE_SESSION_SECRET=.{32,}$/m);
    expect(example).toMatch(/^KAFKA_PASSWORD_CONSOLE=/m);
  });

  it('installs the SES emulator when its image is built, never at start-up', () => {
    const commands = Object.values(compose.services).flatMap((service) =>
      [service.command, service.entrypoint].flat(),
    );
    const dockerfile = readFileSync(path.join(ROOT, 'deploy/compose/ses.Dockerfile'), 'utf8');

    expect(commands.filter((part) => typeof part === 'string' && part.includes('npx'))).toEqual([]);
    expect(compose.services.ses.build?.dockerfile).toBe('ses.Dockerfile');
    expect(dockerfile).toMatch(/^RUN npm install --global .*aws-ses-v2-local@\d+\.\d+\.\d+/m);
  });
});

const cli = composeCli();
if (cli) {
  describe(`${cli.join(' ')} config`, () => {
    const run = (...args: string[]) =>
      spawnSync(
        cli[0],
        [...cli.slice(1), '--project-directory', ROOT, '-f', 'docker-compose.yml', ...args, 'config'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );

    it('resolves the file with the settings of .env.example', () => {
      const result = run('--env-file', '.env.example');

      expect(result.stderr).not.toMatch(/error/i);
      expect(result.status).toBe(0);
      const resolved = parse(result.stdout) as ComposeFile;
      expect(Object.keys(resolved.services).sort()).toEqual(Object.keys(compose.services).sort());
      console.log(`${cli.join(' ')} config: ${Object.keys(resolved.services).length} services resolved`);
    });

    it('refuses to start without the Kafka passwords', () => {
      const empty = path.join(mkdtempSync(path.join(os.tmpdir(), 'notify-compose-')), '.env');
      writeFileSync(empty, '');

      const result = run('--env-file', empty);

      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('KAFKA_PASSWORD_');
    });
  });
} else {
  console.log('no docker compose CLI on this machine: the file is checked against the schema only');
}
