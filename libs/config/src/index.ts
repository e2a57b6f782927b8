export {
  BaseServiceConfig,
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
  Required,
  splitList,
  UrlWith,
} from './config-fields';
export { KafkaConfig } from './kafka.config';
export { ConfigModule, type ConfigModuleOptions } from './config.module';
export { ConfigValidationError, type ConfigProblem } from './config-validation.error';
export { parseDuration } from './duration';
export { parseSigningKeyList, SigningKeyList } from './signing-key-list';
export { loadConfig, type Environment } from './load-config';
