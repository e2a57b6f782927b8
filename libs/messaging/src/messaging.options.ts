import type { KafkaConfig } from 'kafkajs';
import type { MessagingMetrics } from './metrics/messaging-metrics';
import type { BackoffPolicy } from '@notify/config';

/** Kafka's default `message.max.bytes` (1048588) less headroom for the batch header and size estimates. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_000_000;

export interface TopicSpec {
  /** Logical name; the deployment's prefix is applied. */
  name: string;
  /** Defaults to the contract's declaration of the topic, then to the service's default. */
  partitions?: number;
  /** `cleanup.policy=compact` for topics holding the latest state per key; never applied to the dead-letter topic. */
  compacted?: boolean;
  /**
   * Also its `.dlq` (default): for topics the service consumes, whose dead letters it writes. A topic it only
   * produces leaves its dead-letter topic to the consumers, and its principal may not even see it.
   */
  deadLetters?: boolean;
}

export interface TopicDefaults {
  partitions: number;
  replicationFactor: number;
}

export interface HandlerRetryOptions extends BackoffPolicy {
  /** Total tries of a failing handler before the event is dead-lettered (first try included). */
  attempts: number;
}

export interface RelayOptions {
  enabled: boolean;
  /** Longest wait between two looks at the outbox when no NOTIFY arrives. */
  pollMs: number;
  batchSize: number;
  /** How often a stand-by replica tries to become the relay. */
  standbyRetryMs: number;
  /** Back-off while Kafka or the database refuse a batch. */
  backoff: BackoffPolicy;
}

export interface ConsumerOptions {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  partitionsConsumedConcurrently: number;
  /**
   * Most consecutive records of a partition whose handlers share one transaction (one inbox statement, one
   * commit). 1 gives every record its own transaction.
   */
  chunkSize: number;
  /**
   * Longest one handler may run (in a chunk, each handler; alone, its whole try). Past it the try fails like a
   * thrown error and its transaction is abandoned, so nothing it wrote commits.
   */
  handlerTimeoutMs: number;
  maxBytesPerPartition: number;
  /** Longest time the broker holds a fetch waiting for `minBytes` of records. */
  maxWaitTimeMs: number;
  /**
   * Bytes of records the broker gathers before it answers a fetch (or `maxWaitTimeMs` passed). 1 answers on the
   * first record; more makes a reader of a busy topic fetch once per `maxWaitTimeMs` instead of once per record.
   */
  minBytes: number;
  /**
   * Logical topics read at most once per this many milliseconds per partition: after each batch its partition is
   * paused that long, so what arrives meanwhile comes in one fetch and one transaction. For a busy topic of which
   * the service handles a few event types, at the cost of that much latency (plus up to `maxWaitTimeMs`) for them;
   * the service's other topics are fetched as usual.
   */
  readIntervalMs: Readonly<Record<string, number>>;
  /** Where a consumer group with no committed offset starts; the earliest offset loses nothing. */
  fromBeginning: boolean;
  commitIntervalMs: number;
  commitThreshold: number;
  /** Longest wait for in-flight messages on shutdown before disconnecting anyway. */
  shutdownTimeoutMs: number;
}

export interface TopicSetupOptions {
  /** Create missing topics; off where an operator owns them (Strimzi), then the service waits for them. */
  create: boolean;
  /** How long start-up waits for topics to exist with leaders before failing with the reason. */
  timeoutMs: number;
  backoff: BackoffPolicy;
}

export interface HousekeepingOptions {
  /** Published outbox rows and inbox rows older than this are deleted; it is also the deduplication window. */
  retentionMs: number;
  intervalMs: number;
  batchSize: number;
}

export interface ParkingOptions {
  /** Failed sends of a row on its own (a retriable broker error each time) before the relay parks it. */
  maxAttempts: number;
  /** How often every replica counts the parked rows for `messaging_outbox_parked_rows`. */
  gaugeIntervalMs: number;
}

export interface MessagingOptions {
  clientId: string;
  brokers: string[];
  /** CloudEvents `source` of this service, e.g. `urn:notify:communities`. */
  source: string;
  /** Prepended to every logical topic name to get the physical one (deployment or test isolation). */
  topicPrefix?: string;
  /** Consumer group of this service; required when it declares consumers. */
  groupId?: string;
  /** Topics (logical names) created with their dead-letter topics at start-up. */
  topics?: TopicSpec[];
  /** Partitions and replication factor of topics created here (default 3 and 1). */
  topicDefaults?: Partial<TopicDefaults>;
  topicSetup?: Partial<Omit<TopicSetupOptions, 'backoff'>> & { backoff?: Partial<BackoffPolicy> };
  /** The Kafka principal this client authenticates as, named in authorisation errors. */
  principal?: string;
  retry?: Partial<HandlerRetryOptions>;
  relay?: Partial<Omit<RelayOptions, 'backoff'>> & { backoff?: Partial<BackoffPolicy> };
  consumer?: Partial<ConsumerOptions>;
  housekeeping?: Partial<HousekeepingOptions>;
  /**
   * Largest record (key, value, headers) the outbox accepts and the relay sends, in bytes; keep it below the
   * broker's `message.max.bytes` (default 1048588). Defaults to `DEFAULT_MAX_MESSAGE_BYTES`.
   */
  maxMessageBytes?: number;
  parking?: Partial<ParkingOptions>;
  metrics?: MessagingMetrics;
  /** Transport settings passed to kafkajs as they are (ssl, sasl, socketFactory, connection retry). */
  kafka?: Omit<KafkaConfig, 'clientId' | 'brokers' | 'logCreator' | 'logLevel'>;
}

export interface ResolvedMessagingOptions {
  clientId: string;
  brokers: string[];
  source: string;
  topicPrefix: string;
  groupId?: string;
  topics: TopicSpec[];
  topicDefaults: TopicDefaults;
  topicSetup: TopicSetupOptions;
  principal?: string;
  retry: HandlerRetryOptions;
  relay: RelayOptions;
  consumer: ConsumerOptions;
  housekeeping: HousekeepingOptions;
  maxMessageBytes: number;
  parking: ParkingOptions;
  metrics?: MessagingMetrics;
  kafka: Omit<KafkaConfig, 'clientId' | 'brokers' | 'logCreator' | 'logLevel'>;
}

export class MessagingOptionsError extends Error {
  constructor(problems: string[]) {
    super(`Invalid messaging options: ${problems.join('; ')}`);
    this.name = 'MessagingOptionsError';
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function resolveMessagingOptions(options: MessagingOptions): ResolvedMessagingOptions {
  const problems: string[] = [];
  if (!options.clientId) {
    problems.push('clientId is required');
  }
  if (options.brokers.length === 0 || options.brokers.some((broker) => !/^[^:\s]+:\d+$/.test(broker))) {
    problems.push('brokers must be a non-empty list of host:port');
  }
  if (!options.source) {
    problems.push('source is required');
  }
  const retry = { attempts: 5, initialMs: 200, maxMs: 5000, ...options.retry };
  if (retry.attempts < 1 || retry.initialMs <= 0 || retry.maxMs < retry.initialMs) {
    problems.push('retry needs attempts >= 1 and 0 < initialMs <= maxMs');
  }
  const chunkSize = options.consumer?.chunkSize;
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize >= 1)) {
    problems.push('consumer.chunkSize must be an integer >= 1');
  }
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!(Number.isInteger(maxMessageBytes) && maxMessageBytes >= 1024)) {
    problems.push('maxMessageBytes must be an integer >= 1024');
  }
  const parking = { maxAttempts: 10, gaugeIntervalMs: 30_000, ...options.parking };
  if (!(Number.isInteger(parking.maxAttempts) && parking.maxAttempts >= 1) || parking.gaugeIntervalMs <= 0) {
    problems.push('parking needs an integer maxAttempts >= 1 and gaugeIntervalMs > 0');
  }
  const minBytes = options.consumer?.minBytes;
  if (minBytes !== undefined && !(Number.isInteger(minBytes) && minBytes >= 1)) {
    problems.push('consumer.minBytes must be an integer >= 1');
  }
  const readIntervals = Object.entries(options.consumer?.readIntervalMs ?? {});
  if (readIntervals.some(([, ms]) => !(Number.isInteger(ms) && ms >= 1))) {
    problems.push('consumer.readIntervalMs must map topics to integers >= 1');
  }
  const handlerTimeoutMs = options.consumer?.handlerTimeoutMs;
  if (handlerTimeoutMs !== undefined && !(Number.isInteger(handlerTimeoutMs) && handlerTimeoutMs >= 1)) {
    problems.push('consumer.handlerTimeoutMs must be an integer >= 1');
  }
  if (problems.length > 0) {
    throw new MessagingOptionsError(problems);
  }
  return {
    clientId: options.clientId,
    brokers: options.brokers,
    source: options.source,
    topicPrefix: options.topicPrefix ?? '',
    groupId: options.groupId,
    topics: options.topics ?? [],
    topicDefaults: { partitions: 3, replicationFactor: 1, ...options.topicDefaults },
    topicSetup: {
      create: true,
      timeoutMs: 60_000,
      ...options.topicSetup,
      backoff: { initialMs: 250, maxMs: 5000, ...options.topicSetup?.backoff },
    },
    principal: options.principal,
    retry,
    relay: {
      enabled: true,
      // A NOTIFY wakes the relay when a row commits; the poll only covers a notification lost with its connection.
      pollMs: 10_000,
      batchSize: 200,
      standbyRetryMs: 5000,
      ...options.relay,
      backoff: { initialMs: 250, maxMs: 30_000, ...options.relay?.backoff },
    },
    consumer: {
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3000,
      rebalanceTimeoutMs: 60_000,
      partitionsConsumedConcurrently: 1,
      chunkSize: 100,
      handlerTimeoutMs: 30_000,
      maxBytesPerPartition: 1024 * 1024,
      maxWaitTimeMs: 500,
      minBytes: 1,
      readIntervalMs: {},
      fromBeginning: true,
      commitIntervalMs: 1000,
      commitThreshold: 100,
      shutdownTimeoutMs: 25_000,
      ...options.consumer,
    },
    housekeeping: {
      retentionMs: 7 * DAY_MS,
      intervalMs: 10 * 60 * 1000,
      batchSize: 1000,
      ...options.housekeeping,
    },
    maxMessageBytes,
    parking,
    metrics: options.metrics,
    kafka: options.kafka ?? {},
  };
}
