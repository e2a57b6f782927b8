import { TraceContext } from './trace-context';
import { parseTraceparent } from './traceparent';

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('TraceContext', () => {
  it('has no trace outside a run', () => {
    expect(TraceContext.current()).toBeUndefined();
    expect(TraceContext.currentTraceId()).toBeUndefined();
  });

  it('keeps the trace across awaits and timers inside a run', async () => {
    const seen = await TraceContext.run(PARENT, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return TraceContext.currentTraceId();
    });

    expect(seen).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('isolates concurrent runs', async () => {
    const [first, second] = await Promise.all(
      [undefined, PARENT].map((parent) =>
        TraceContext.run(parent, async () => {
          await Promise.resolve();
          return TraceContext.currentTraceId();
        }),
      ),
    );

    expect(second).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(first).not.toBe(second);
  });

  it('runs with an exact traceparent when asked', () => {
    expect(TraceContext.runExact(PARENT, () => TraceContext.current())).toBe(PARENT);
    expect(() => TraceContext.runExact('bad', () => undefined)).toThrow('Invalid traceparent');
  });

  it('opens a new span for each run', () => {
    const current = TraceContext.run(PARENT, () => TraceContext.current());

    expect(parseTraceparent(current)?.parentId).not.toBe('00f067aa0ba902b7');
  });
});
