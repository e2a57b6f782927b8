// Owns cutting processing short (shutdown, rebalance) and the error that leaves the offset unresolved.
/** Lets long waits inside message processing end early when the consumer must let go of the partition. */
export interface ProcessingControl {
  /** Aborted on shutdown or when the group rebalances away from this member. */
  signal: AbortSignal;
  /** False once processing must stop after the current message (shutdown, rebalance, seek). */
  shouldContinue(): boolean;
}

/**
 * Thrown when processing of a message is abandoned before it reached an outcome (shutdown or rebalance
 * during a retry wait). The offset is not resolved, so the message is delivered again.
 */
export class ProcessingAbortedError extends Error {
  constructor() {
    super('Message processing abandoned; it will be redelivered');
    this.name = 'ProcessingAbortedError';
  }
}
