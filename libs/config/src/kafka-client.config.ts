import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { Duration, Flag, HostPortList, OneOf, ReadableFile, Required } from './config-fields';
import type { ConfigProblem } from './config-validation.error';
import {
  KAFKA_SASL_MECHANISMS,
  KAFKA_SECURITY_PROTOCOLS,
  kafkaClientSecurity,
  usesSasl,
  usesTls,
  type KafkaClientSecurity,
  type KafkaSaslMechanism,
  type KafkaSecurityProtocol,
} from './kafka-security';

const onlyWith = (protocols: string): string => `is only used with KAFKA_SECURITY_PROTOCOL ${protocols}`;

/**
 * How a process reaches Kafka: brokers, topic prefix, and the client's security. Secure by default: a service
 * started without credentials refuses to start rather than connect in clear text.
 */
export class KafkaClientConfig {
  @HostPortList()
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'may contain only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX: string = '';

  /**
   * How long the consumer group waits for a silent member before rebalancing; after a crash, also how long the
   * restarted replica waits to rejoin. Brokers refuse less than 6 s by default.
   */
  @Duration()
  @Min(6_000, { message: 'must be at least 6s' })
  KAFKA_SESSION_TIMEOUT: number = 10_000;

  /**
   * Longest time the broker holds a fetch while it gathers KAFKA_FETCH_MIN_BYTES of records: how often an idle
   * consumer asks, how long a stop or a rebalance waits for the fetch in flight and, below KAFKA_FETCH_MIN_BYTES of
   * traffic, how long a record can wait before it is read.
   */
  @Duration()
  @Min(100, { message: 'must be at least 100ms' })
  @Max(5_000, { message: 'must be at most 5s, well under the session timeout' })
  KAFKA_FETCH_MAX_WAIT: number = 3_000;

  /**
   * Bytes of records the broker gathers before it answers a fetch, for all the service's topics at once: above 1, a
   * record can wait up to KAFKA_FETCH_MAX_WAIT when traffic is light. 1 answers on the first record.
   */
  @IsInt({ message: 'must be a whole number of bytes from 1 to 1048576' })
  @Min(1, { message: 'must be a whole number of bytes from 1 to 1048576' })
  @Max(1_048_576, { message: 'must be a whole number of bytes from 1 to 1048576' })
  KAFKA_FETCH_MIN_BYTES: number = 1;

  /**
   * How often at most a partition of the platform's activity topic is read; 0 reads it as records arrive. The
   * communities, moderation and preferences services handle only their users' events among all the activity of the
   * platform: read once a second, a busy topic costs them one fetch and one transaction per partition per second
   * instead of one per record or two, and those events wait up to this long (plus KAFKA_FETCH_MAX_WAIT at worst).
   * Their other topics are read as records arrive.
   */
  @Duration({ ms: 60_000, label: '60s' })
  KAFKA_ACTIVITY_READ_INTERVAL: number = 1_000;

  @OneOf(KAFKA_SECURITY_PROTOCOLS)
  KAFKA_SECURITY_PROTOCOL: KafkaSecurityProtocol = 'SASL_SSL';

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @OneOf(KAFKA_SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM: KafkaSaslMechanism = 'scram-sha-512';

  @ValidateIf((config: KafkaClientConfig) => usesSasl(config.KAFKA_SECURITY_PROTOCOL))
  @Required()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  /** Prefer KAFKA_SASL_PASSWORD_FILE (a mounted secret): it is read again on every new connection, so a rotated
   * password is picked up without a restart. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  @IsOptional()
  @ReadableFile()
  KAFKA_SASL_PASSWORD_FILE?: string;

  /** PEM bundle of the certificate authorities the brokers' certificates chain to; the system's CAs otherwise. */
  @IsOptional()
  @ReadableFile()
  KAFKA_SSL_CA_FILE?: string;

  /** Client certificate and key (PEM) for mutual TLS: both or neither. */
  @IsOptional()
  @ReadableFile()
  KAFKA_SSL_CERT_FILE?: string;

  @IsOptional()
  @ReadableFile()
  KAFKA_SSL_KEY_FILE?: string;

  /** Create missing topics (and their dead-letter topics) at start-up; off where an operator owns the topics. */
  @Flag()
  KAFKA_CREATE_TOPICS: boolean = true;

  @IsInt({ message: 'must be a whole number from 1 to 5' })
  @Min(1, { message: 'must be a whole number from 1 to 5' })
  @Max(5, { message: 'must be a whole number from 1 to 5' })
  KAFKA_REPLICATION_FACTOR: number = 1;

  /**
   * Largest event record (key, value, headers) in bytes: the outbox refuses bigger events at write time and the
   * relay parks older ones. Keep it below the brokers' `message.max.bytes` (1048588 by default).
   */
  @IsInt({ message: 'must be a whole number of bytes from 1024 to 100000000' })
  @Min(1024, { message: 'must be a whole number of bytes from 1024 to 100000000' })
  @Max(100_000_000, { message: 'must be a whole number of bytes from 1024 to 100000000' })
  KAFKA_MAX_MESSAGE_BYTES: number = 1_000_000;

  /** Failed sends of one outbox row on its own (retriable broker errors) before the relay parks it. */
  @IsInt({ message: 'must be a whole number from 1 to 1000' })
  @Min(1, { message: 'must be a whole number from 1 to 1000' })
  @Max(1000, { message: 'must be a whole number from 1 to 1000' })
  OUTBOX_PARK_AFTER_ATTEMPTS: number = 10;

  /** The combinations the field decorators cannot see, one problem per variable at fault. */
  configurationProblems(): ConfigProblem[] {
    const protocol = this.KAFKA_SECURITY_PROTOCOL;
    const problems: ConfigProblem[] = [];
    if (usesSasl(protocol)) {
      const sources = [this.KAFKA_SASL_PASSWORD, this.KAFKA_SASL_PASSWORD_FILE].filter(isSet).length;
      if (sources !== 1) {
        const reason =
          sources === 0
            ? `is required with KAFKA_SECURITY_PROTOCOL ${protocol} (or KAFKA_SASL_PASSWORD_FILE)`
            : 'and KAFKA_SASL_PASSWORD_FILE are both set: set one';
        problems.push({ variable: 'KAFKA_SASL_PASSWORD', reason });
      }
      if (this.KAFKA_SASL_MECHANISM === 'plain' && protocol !== 'SASL_SSL') {
        problems.push({
          variable: 'KAFKA_SASL_MECHANISM',
          reason: 'plain sends the password in clear text: use it only with KAFKA_SECURITY_PROTOCOL SASL_SSL',
        });
      }
    } else {
      for (const variable of [
        'KAFKA_SASL_USERNAME',
        'KAFKA_SASL_PASSWORD',
        'KAFKA_SASL_PASSWORD_FILE',
      ] as const) {
        if (isSet(this[variable])) {
          problems.push({ variable, reason: onlyWith('SASL_SSL or SASL_PLAINTEXT') });
        }
      }
    }
    const tlsFiles = ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const;
    if (!usesTls(protocol)) {
      for (const variable of tlsFiles) {
        if (isSet(this[variable])) {
          problems.push({ variable, reason: onlyWith('SSL or SASL_SSL') });
        }
      }
    } else if (isSet(this.KAFKA_SSL_CERT_FILE) !== isSet(this.KAFKA_SSL_KEY_FILE)) {
      const missing = isSet(this.KAFKA_SSL_CERT_FILE) ? 'KAFKA_SSL_KEY_FILE' : 'KAFKA_SSL_CERT_FILE';
      problems.push({
        variable: missing,
        reason: 'is required: mutual TLS needs both a certificate and its key',
      });
    }
    return problems;
  }

  /** Shaped for kafkajs' `ssl` and `sasl` options; the password is read when a connection authenticates. */
  get kafkaSecurity(): KafkaClientSecurity {
    return kafkaClientSecurity({
      protocol: this.KAFKA_SECURITY_PROTOCOL,
      mechanism: this.KAFKA_SASL_MECHANISM,
      username: this.KAFKA_SASL_USERNAME,
      password: this.KAFKA_SASL_PASSWORD,
      passwordFile: this.KAFKA_SASL_PASSWORD_FILE,
      caFile: this.KAFKA_SSL_CA_FILE,
      certFile: this.KAFKA_SSL_CERT_FILE,
      keyFile: this.KAFKA_SSL_KEY_FILE,
    });
  }
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
