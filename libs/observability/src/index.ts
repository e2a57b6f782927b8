export { HttpMetricsMiddleware } from './http-metrics.middleware';
export { MetricsService } from './metrics.service';
export { ObservabilityModule } from './observability.module';
export { METRICS_REGISTRY, OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';
export {
  LivenessRegistry,
  ReadinessRegistry,
  type CheckStatus,
  type ReadinessCheck,
  type ReadinessReport,
} from './readiness.registry';
export { redactSecrets } from './redact';
export { createLogger, ServiceLogger, type LoggerOptions, type LogOutputFormat } from './service-logger';
export { TraceContext } from './trace-context';
export { TRACEPARENT_HEADER, TraceMiddleware } from './trace.middleware';
export {
  childTraceparent,
  formatTraceparent,
  newTraceparent,
  parseTraceparent,
  type TraceParent,
} from './traceparent';
export { startTracing, type TracingHandle, type TracingOptions } from './tracing/start-tracing';
export { inSpan, openSpan, SpanKind, type OpenSpan, type SpanOptions } from './tracing/span';
