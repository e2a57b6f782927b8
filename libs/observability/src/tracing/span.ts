import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { TraceContext } from '../trace-context';
import { formatTraceparent, parseTraceparent } from '../traceparent';

const TRACER = '@notify/observability';
let started = false;

export function markTracingStarted(): void {
  started = true;
}

export function markTracingStopped(): void {
  started = false;
}

export { SpanKind };

export interface SpanOptions {
  kind?: SpanKind;
  /** A W3C traceparent to continue (e.g. from a Kafka header); the current span when absent. */
  parent?: string;
  attributes?: Attributes;
}

/**
 * Runs `fn` in a new span. With tracing on it is an exported OpenTelemetry span, failed when `fn` throws;
 * off, only the trace context moves on. Either way `TraceContext.current()` inside is the new span.
 */
export function inSpan<T>(name: string, options: SpanOptions, fn: () => Promise<T>): Promise<T> {
  if (!started) {
    return TraceContext.run(options.parent ?? TraceContext.current(), fn);
  }
  const parent = parentContext(options.parent);
  return trace
    .getTracer(TRACER)
    .startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, parent, async (span) => {
      try {
        return await TraceContext.runExact(traceparentOf(span), fn);
      } catch (error) {
        recordFailure(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
}

/** The active OpenTelemetry span as a traceparent, when tracing is on and a span is active. */
export function activeTraceparent(): string | undefined {
  const span = started ? trace.getActiveSpan() : undefined;
  return span && span.spanContext().traceId ? traceparentOf(span) : undefined;
}

function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return formatTraceparent({ traceId, parentId: spanId, flags: traceFlags.toString(16).padStart(2, '0') });
}

/**
 * Where a new span hangs: the explicit traceparent, else the active OpenTelemetry span (an HTTP request, a
 * handler), else the trace context carried without one; a new trace when there is none.
 */
function parentContext(explicit: string | undefined): Context {
  const active = context.active();
  if (explicit === undefined && trace.getSpan(active)) {
    return active;
  }
  const parsed = parseTraceparent(explicit ?? TraceContext.current());
  if (!parsed) {
    return ROOT_CONTEXT;
  }
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: parsed.traceId,
    spanId: parsed.parentId,
    traceFlags: parseInt(parsed.flags, 16),
    isRemote: true,
  });
}

/** A span the caller ends itself, for work that does not fit in one callback (one span per record of a batch). */
export interface OpenSpan {
  /** The span's traceparent to propagate; the parent's when tracing is off. */
  readonly traceparent: string | undefined;
  end(error?: unknown): void;
}

export function openSpan(name: string, options: SpanOptions): OpenSpan {
  if (!started) {
    return { traceparent: options.parent, end: () => undefined };
  }
  const span = trace
    .getTracer(TRACER)
    .startSpan(name, { kind: options.kind, attributes: options.attributes }, parentContext(options.parent));
  return {
    traceparent: traceparentOf(span),
    end: (error?: unknown) => {
      if (error !== undefined) {
        recordFailure(span, error);
      }
      span.end();
    },
  };
}

function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : { message: JSON.stringify(error) });
  span.setStatus({ code: SpanStatusCode.ERROR });
}
