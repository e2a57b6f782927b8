import { AsyncLocalStorage } from 'node:async_hooks';
import { childTraceparent, parseTraceparent } from './traceparent';

/** The W3C trace of the work in progress, carried across awaits by AsyncLocalStorage. */
export class TraceContext {
  private static readonly storage = new AsyncLocalStorage<string>();

  /**
   * Runs `fn` inside a new span of the given trace (or of a new trace when it is missing or invalid).
   * Inside, `current()` is that span's traceparent.
   */
  static run<T>(parent: string | undefined, fn: () => T): T {
    return TraceContext.storage.run(childTraceparent(parent), fn);
  }

  /** Runs `fn` with exactly this traceparent as the current one (it must already be valid). */
  static runExact<T>(traceparent: string, fn: () => T): T {
    if (!parseTraceparent(traceparent)) {
      throw new Error('Invalid traceparent');
    }
    return TraceContext.storage.run(traceparent, fn);
  }

  static current(): string | undefined {
    return TraceContext.storage.getStore();
  }

  static currentTraceId(): string | undefined {
    return parseTraceparent(TraceContext.current())?.traceId;
  }
}
