import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { TraceContext } from '../trace-context';
import { inSpan, openSpan } from './span';
import { startTracing, type TracingHandle } from './start-tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describe('spans', () => {
  it('only moves the trace context on when tracing is off', async () => {
    expect(startTracing('off', {})).toBeUndefined();
    const inside = await inSpan('work', { parent: PARENT }, () => Promise.resolve(TraceContext.current()));
    expect(inside).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    expect(inside).not.toBe(PARENT);
    expect(openSpan('send', { parent: PARENT }).traceparent).toBe(PARENT);
  });

  describe('with tracing on', () => {
    const exporter = new InMemorySpanExporter();
    let tracing: TracingHandle | undefined;

    beforeAll(() => {
      tracing = startTracing('spec', { exporter });
    });
    afterAll(() => tracing?.shutdown());
    beforeEach(() => exporter.reset());

    it('continues the given trace, nests the spans opened inside, and is the current trace context', async () => {
      const inside = await inSpan('process topic', { kind: SpanKind.CONSUMER, parent: PARENT }, () =>
        inSpan('ses send', { kind: SpanKind.CLIENT }, () => Promise.resolve(TraceContext.current())),
      );
      const [child, parent] = exporter.getFinishedSpans();
      expect(parent).toMatchObject({ name: 'process topic', kind: SpanKind.CONSUMER });
      expect(parent.spanContext().traceId).toBe(TRACE_ID);
      expect(parent.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
      expect(child).toMatchObject({ name: 'ses send', kind: SpanKind.CLIENT });
      expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(inside).toBe(`00-${TRACE_ID}-${child.spanContext().spanId}-01`);
    });

    it('continues the carried trace context when no span is active, and marks a failure', async () => {
      await expect(
        TraceContext.runExact(PARENT, () =>
          inSpan('outbox write', {}, () => Promise.reject(new Error('constraint violated'))),
        ),
      ).rejects.toThrow('constraint violated');
      const [span] = exporter.getFinishedSpans();
      expect(span.spanContext().traceId).toBe(TRACE_ID);
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.events.map((event) => event.name)).toEqual(['exception']);
    });

    it('opens a span ended by the caller, whose traceparent is the one to propagate', () => {
      const span = openSpan('send topic', { kind: SpanKind.PRODUCER, parent: PARENT });
      expect(exporter.getFinishedSpans()).toEqual([]);
      span.end();
      const [finished] = exporter.getFinishedSpans();
      expect(span.traceparent).toBe(`00-${TRACE_ID}-${finished.spanContext().spanId}-01`);
      expect(finished.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    });
  });
});
