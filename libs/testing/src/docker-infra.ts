import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { getContainerRuntimeClient } from 'testcontainers';
import type { PostgresEndpoint } from './test-infra.types';

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
const KAFKA_CONTAINER_PORT = 9093;
const POSTGRES_IMAGE = 'postgres:16-alpine';

export async function dockerAvailable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** Starts a single-node KRaft broker; the reaper removes it when the test process ends. */
export async function startKafkaContainer(): Promise<string[]> {
  const container = await new KafkaContainer(KAFKA_IMAGE).withKraft().start();
  return [`${container.getHost()}:${container.getMappedPort(KAFKA_CONTAINER_PORT)}`];
}

export async function startPostgresContainer(): Promise<PostgresEndpoint> {
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE).start();
  return {
    host: container.getHost(),
    port: container.getPort(),
    user: container.getUsername(),
    password: container.getPassword(),
    database: container.getDatabase(),
  };
}
