import { dockerAvailable, startKafkaContainer, startPostgresContainer } from './docker-infra';
import { createKafkaAccess, localKafkaAccess, useKafkaAccess } from './kafka-access';
import { startSesEmulator } from './ses-emulator-process';
import { answers, endpointOf, parseHostPort } from './tcp-probe';
import type { PostgresEndpoint, TestInfra } from './test-infra.types';

const DEFAULT_BROKERS = '127.0.0.1:9092';
const DEFAULT_SES_ENDPOINT = 'http://127.0.0.1:8005';

let infra: Promise<TestInfra> | undefined;

/**
 * The Kafka broker, PostgreSQL and SES emulator for this test process, resolved once:
 * local endpoints (`npm run infra -- up`, or the usual environment variables) when they answer,
 * otherwise containers when a Docker engine is available.
 */
export function getTestInfra(): Promise<TestInfra> {
  infra ??= resolveInfra().catch((error: unknown) => {
    infra = undefined;
    throw error;
  });
  return infra;
}

async function resolveInfra(): Promise<TestInfra> {
  const localBrokers = (process.env.KAFKA_BROKERS ?? DEFAULT_BROKERS)
    .split(',')
    .map((broker) => broker.trim());
  const localPostgres: PostgresEndpoint = {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    password: process.env.PGPASSWORD ?? '',
    database: process.env.PGDATABASE ?? 'test',
  };
  const sesEndpoint = process.env.SES_ENDPOINT ?? DEFAULT_SES_ENDPOINT;

  const [kafkaUp, postgresUp, sesUp] = await Promise.all([
    answers(parseHostPort(localBrokers[0])),
    answers(localPostgres),
    answers(endpointOf(sesEndpoint)),
  ]);
  const missing = [
    ...(kafkaUp ? [] : [`Kafka at ${localBrokers[0]}`]),
    ...(postgresUp ? [] : [`PostgreSQL at ${localPostgres.host}:${localPostgres.port}`]),
  ];
  if (missing.length > 0 && !(await dockerAvailable())) {
    throw new Error(
      `Test infrastructure is not available: ${missing.join(' and ')} did not answer and no Docker engine was found. ` +
        'Run `npm run infra -- up` (or set KAFKA_BROKERS / PGHOST / PGPORT to reachable servers).',
    );
  }
  const [kafkaBrokers, postgres] = await Promise.all([
    kafkaUp ? localBrokers : startKafkaContainer(),
    postgresUp ? localPostgres : startPostgresContainer(),
    sesUp ? undefined : startSesEmulator(sesEndpoint),
  ]);
  // A container broker runs without authentication; the local one as `npm run infra -- up` set it up.
  const kafkaAccess = kafkaUp ? localKafkaAccess() : createKafkaAccess('');
  useKafkaAccess(kafkaAccess);
  return { kafkaBrokers, postgres, sesEndpoint, kafkaAccess };
}
