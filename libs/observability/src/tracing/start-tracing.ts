import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { markTracingStarted, markTracingStopped } from './span';

export interface TracingOptions {
  /** Base URL of an OTLP/HTTP collector (`/v1/traces` is appended); no tracing without it or an exporter. */
  otlpEndpoint?: string;
  /** Receives every span as it ends (tests); used besides the OTLP exporter. */
  exporter?: SpanExporter;
}

export interface TracingHandle {
  /** Exports the spans still buffered, then stops tracing. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for one service: HTTP, Express and PostgreSQL spans, and the Kafka spans of
 * `@notify/messaging`. Call it before the application's modules are loaded so their `http` and `pg` are patched.
 * Returns `undefined`, and leaves tracing off, when neither an endpoint nor an exporter is given.
 */
export function startTracing(service: string, options: TracingOptions): TracingHandle | undefined {
  const processors = [
    ...(options.otlpEndpoint
      ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(options.otlpEndpoint) }))]
      : []),
    ...(options.exporter ? [new SimpleSpanProcessor(options.exporter)] : []),
  ];
  if (processors.length === 0) {
    return undefined;
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    spanProcessors: processors,
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Probes and scrapes would be most of the spans and tell nothing.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => isProbe(request.url),
        // Signed one-click unsubscribe links carry their token in the query string.
        redactedQueryParamsServer: ['token'],
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  markTracingStarted();
  return {
    shutdown: async () => {
      markTracingStopped();
      unregister();
      await provider.shutdown();
    },
  };
}

export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

function isProbe(url: string | undefined): boolean {
  return url === '/health' || url?.startsWith('/health/') === true || url === '/metrics';
}
