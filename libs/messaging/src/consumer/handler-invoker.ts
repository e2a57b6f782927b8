// Invoker: owns calling one handler once per event, in its own transaction, with its deadline and retries.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventType, TypedCloudEvent } from '@notify/contracts';
import { withTransaction } from '@notify/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { InboxRepository } from '../inbox/inbox.repository';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { errorMessage } from '../shared/errors';
import { jitteredBackoffDelay } from '@notify/config';
import { sleep } from '../shared/timing';
import { PreCommitTasks, type MessageContext } from './handler-context';
import { HandlerDeadline } from './handler-deadline';
import type { RegisteredHandler } from './handler-registry';
import { inProcessSpan } from '../tracing/messaging-spans';
import { ProcessingAbortedError, type ProcessingControl } from './processing-control';

export type InvocationOutcome =
  { kind: 'handled' } | { kind: 'duplicate' } | { kind: 'failed'; error: unknown };

type Coordinates = Omit<MessageContext, 'attempt' | 'beforeCommit'>;

/**
 * Runs a handler exactly once per (source, id): the inbox row and the handler's writes commit together.
 * A try running past `consumer.handlerTimeoutMs` fails and its transaction is abandoned, never committed.
 * Failures are retried with bounded exponential back-off; while the database itself is unreachable the
 * handler is not blamed and the wait is unbounded, since every event would fail the same way.
 */
@Injectable()
export class HandlerInvoker {
  private readonly logger = new Logger(HandlerInvoker.name);

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly metrics: MessagingMetrics,
  ) {}

  async invoke(
    event: TypedCloudEvent<EventType>,
    handler: RegisteredHandler,
    coordinates: Coordinates,
    control: ProcessingControl,
  ): Promise<InvocationOutcome> {
    const { attempts } = this.options.retry;
    let attempt = 1;
    let outageWaits = 0;
    for (;;) {
      try {
        return await this.runOnce(event, handler, { ...coordinates, attempt });
      } catch (error) {
        if (!(await this.databaseReachable())) {
          outageWaits += 1;
          this.logger.warn({
            msg: 'database unreachable; waiting to retry event',
            ...this.describe(event, coordinates),
            error: errorMessage(error),
          });
          await this.wait(jitteredBackoffDelay(outageWaits, this.options.retry), control);
          continue;
        }
        outageWaits = 0;
        if (attempt >= attempts) {
          return { kind: 'failed', error };
        }
        this.metrics.retried(coordinates.topic, event.type);
        const delayMs = jitteredBackoffDelay(attempt, this.options.retry);
        this.logger.warn({
          msg: 'event handler failed; retrying',
          ...this.describe(event, coordinates),
          handler: handler.name,
          attempt,
          delayMs,
          error: errorMessage(error),
        });
        await this.wait(delayMs, control);
        attempt += 1;
      }
    }
  }

  private runOnce(
    event: TypedCloudEvent<EventType>,
    handler: RegisteredHandler,
    coordinates: Omit<MessageContext, 'beforeCommit'>,
  ): Promise<InvocationOutcome> {
    const deadline = new HandlerDeadline(this.options.consumer.handlerTimeoutMs);
    return withTransaction(
      this.dataSource,
      (tx) => deadline.run(() => this.handleIn(tx, event, handler, coordinates)),
      deadline.signal,
    );
  }

  private async handleIn(
    tx: EntityManager,
    event: TypedCloudEvent<EventType>,
    handler: RegisteredHandler,
    coordinates: Omit<MessageContext, 'beforeCommit'>,
  ): Promise<InvocationOutcome> {
    const preCommit = new PreCommitTasks();
    const context: MessageContext = { ...coordinates, beforeCommit: preCommit.add };
    const fresh = await this.inbox.claim(tx, {
      source: event.source,
      eventId: event.id,
      topic: context.topic,
      eventType: event.type,
    });
    if (!fresh) {
      return { kind: 'duplicate' };
    }
    await inProcessSpan(event, context, async () => {
      await handler.handle(event, tx, context);
      await preCommit.run();
    });
    return { kind: 'handled' };
  }

  private async wait(delayMs: number, control: ProcessingControl): Promise<void> {
    await sleep(delayMs, control.signal);
    if (!control.shouldContinue()) {
      throw new ProcessingAbortedError();
    }
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private describe(event: TypedCloudEvent<EventType>, coordinates: Coordinates) {
    return {
      topic: coordinates.topic,
      partition: coordinates.partition,
      offset: coordinates.offset,
      type: event.type,
      eventId: event.id,
      source: event.source,
    };
  }
}
