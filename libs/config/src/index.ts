export { backoffDelay, jitteredBackoffDelay, type BackoffPolicy } from './backoff';
export {
  BaseServiceConfig,
  type DatabaseTimeouts,
  LOG_FORMATS,
  LOG_LEVELS,
  type LogFormat,
  type PostgresConnection,
} from './base-service.config';
export {
  CommaSeparated,
  Duration,
  Flag,
  HostPortList,
  HttpUrl,
  OneOf,
  Port,
  ReadableFile,
  Required,
  splitList,
  UrlWith,
} from './config-fields';
export { CountPerWindowField, parseCountPerWindow, type CountPerWindow } from './count-per-window';
export { KafkaClientConfig } from './kafka-client.config';
export {
  KAFKA_SASL_MECHANISMS,
  KAFKA_SECURITY_PROTOCOLS,
  kafkaClientSecurity,
  type KafkaClientSecurity,
  type KafkaSaslCredentials,
  type KafkaSaslMechanism,
  type KafkaSecurityProtocol,
  type KafkaSecuritySettings,
  type KafkaTlsOptions,
} from './kafka-security';
export { ConfigModule, type ConfigModuleOptions } from './config.module';
export { ConfigValidationError, type ConfigProblem } from './config-validation.error';
export { parseDuration } from './duration';
export { parseSigningKeyList, SigningKeyList } from './signing-key-list';
export { loadConfig, type CombinationRules, type Environment } from './load-config';
