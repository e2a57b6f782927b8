// Owns the per-handler deadline that abandons a try's transaction when it runs too long.
/** A handler try that ran past its deadline; its transaction was abandoned, so none of its writes commit. */
export class HandlerDeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`handler deadline of ${timeoutMs}ms exceeded`);
    this.name = 'HandlerDeadlineError';
  }
}

/**
 * A deadline armed afresh for each handler sharing one transaction: `signal` aborts with a `HandlerDeadlineError`
 * when one of them runs longer than `timeoutMs`.
 */
export class HandlerDeadline {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;

  constructor(private readonly timeoutMs: number) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs `work` within the deadline; the timer stops when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.timer = setTimeout(
      () => this.controller.abort(new HandlerDeadlineError(this.timeoutMs)),
      this.timeoutMs,
    );
    try {
      return await work();
    } finally {
      clearTimeout(this.timer);
    }
  }
}
