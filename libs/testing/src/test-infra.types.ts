import type { KafkaAccess } from './kafka-access';

export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Where the suite's real dependencies live. */
export interface TestInfra {
  kafkaBrokers: string[];
  /** Credentials per principal and the suite ACLs of the broker in use (PLAINTEXT for a container). */
  kafkaAccess: KafkaAccess;
  postgres: PostgresEndpoint;
  /** SES v2 emulator base URL, e.g. http://127.0.0.1:8005. */
  sesEndpoint: string;
}
