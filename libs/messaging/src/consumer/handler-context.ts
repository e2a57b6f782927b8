// Owns the engine's handler signature, where a consumed event came from, and the tasks deferred to commit.
import type { EventType, TypedCloudEvent } from '@notify/contracts';
import type { EntityManager } from 'typeorm';

/** Where a consumed event came from, for logging, tracing and idempotency keys finer than the event id. */
export interface MessageContext {
  /** Logical topic name (without the deployment's prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  groupId: string;
  /** 1 on the first try, incremented on each retry of a failing handler. */
  attempt: number;
  /**
   * Defers work to the end of the transaction: `task` runs with the same `tx` after the last handler sharing it
   * (several records of a partition may share one) and before it commits. Tasks run in the order registered; one
   * that fails rolls the transaction back like a failing handler. Lets a handler write once for many records.
   */
  beforeCommit(task: () => Promise<void>): void;
}

/**
 * How the engine calls a handler (the event transport adapts Nest pattern handlers to it): the validated event and
 * the transaction in which its inbox row was written, so the handler's writes commit with the deduplication mark.
 */
export type EventHandler<T extends EventType> = (
  event: TypedCloudEvent<T>,
  tx: EntityManager,
  context: MessageContext,
) => Promise<void>;

/** The tasks handlers deferred to the end of one transaction. */
export class PreCommitTasks {
  private readonly tasks: (() => Promise<void>)[] = [];

  readonly add = (task: () => Promise<void>): void => {
    this.tasks.push(task);
  };

  /** Runs the tasks in order, including any a task adds while running. */
  async run(): Promise<void> {
    for (let index = 0; index < this.tasks.length; index += 1) {
      await this.tasks[index]();
    }
  }
}
