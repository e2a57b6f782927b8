// Transaction of a chunk: owns the one transaction in which the handlers of many records run and commit together.
import { Inject, Injectable } from '@nestjs/common';
import type { EventType, TypedCloudEvent } from '@notify/contracts';
import { withTransaction } from '@notify/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { InboxRepository, inboxKey } from '../inbox/inbox.repository';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { PreCommitTasks, type MessageContext } from './handler-context';
import { HandlerDeadline } from './handler-deadline';
import type { RegisteredHandler } from './handler-registry';
import { inProcessSpan } from '../tracing/messaging-spans';

/** One record of a chunk whose handler is known and whose payload is valid. */
export interface ChunkItem {
  event: TypedCloudEvent<EventType>;
  handler: RegisteredHandler;
  context: Omit<MessageContext, 'beforeCommit'>;
}

export type ChunkOutcome = 'handled' | 'duplicate';

/**
 * Runs the handlers of many records in one transaction: one inbox statement finds the events not seen before,
 * their handlers run in record order with the same EntityManager, then the work they deferred to the end of the
 * transaction, and everything commits once. Any error, or a handler past its deadline (which abandons the
 * transaction), rolls the whole chunk back and is thrown; the caller then handles the records one by one.
 */
@Injectable()
export class ChunkTransaction {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
  ) {}

  /** Resolves with each item's outcome, in order, once the transaction has committed. */
  run(items: readonly ChunkItem[]): Promise<ChunkOutcome[]> {
    const deadline = new HandlerDeadline(this.options.consumer.handlerTimeoutMs);
    return withTransaction(this.dataSource, (tx) => this.handleIn(tx, items, deadline), deadline.signal);
  }

  private async handleIn(
    tx: EntityManager,
    items: readonly ChunkItem[],
    deadline: HandlerDeadline,
  ): Promise<ChunkOutcome[]> {
    const fresh = await this.inbox.claimMany(
      tx,
      items.map(({ event, context }) => ({
        source: event.source,
        eventId: event.id,
        topic: context.topic,
        eventType: event.type,
      })),
    );
    const preCommit = new PreCommitTasks();
    const outcomes: ChunkOutcome[] = [];
    for (const { event, handler, context } of items) {
      // Deleting the key makes a second copy of the event within the chunk a duplicate too.
      if (!fresh.delete(inboxKey({ source: event.source, eventId: event.id }))) {
        outcomes.push('duplicate');
        continue;
      }
      await deadline.run(() =>
        inProcessSpan(event, context, () =>
          handler.handle(event, tx, { ...context, beforeCommit: preCommit.add }),
        ),
      );
      outcomes.push('handled');
    }
    await deadline.run(() => preCommit.run());
    return outcomes;
  }
}
