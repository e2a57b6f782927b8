// Processor of a chunk: owns taking consecutive records of one partition to durable outcomes, one by one on failure.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { errorMessage } from '../shared/errors';
import { ChunkTransaction, type ChunkItem, type ChunkOutcome } from './chunk-transaction';
import { MessageProcessor, type InboundMessage } from './message-processor.service';
import { MessageRouter, type RoutingDecision } from './message-router';
import type { ProcessingControl } from './processing-control';

/** Called in record order as each record's outcome becomes durable; the offset may then be committed. */
export type DurableCallback = (inbound: InboundMessage) => void;

/** What the shared transaction did for one chunk: its items' outcomes, or none when it rolled back. */
interface SharedResult {
  outcomes?: ChunkOutcome[];
  /** The transaction held other partitions' chunks too, so this chunk may still succeed alone. */
  withOthers: boolean;
}

/** A chunk waiting for the next shared transaction. */
interface WaitingChunk {
  items: ChunkItem[];
  done: (result: SharedResult) => void;
}

/**
 * Takes consecutive records of one partition to durable outcomes together: all of them are routed, the handled
 * ones share one transaction (`ChunkTransaction`), then the others are ignored or dead-lettered one by one.
 *
 * The partitions of a fetch are processed concurrently, and at a steady trickle of events each brings a chunk of one
 * or two records. So one shared transaction runs at a time: a chunk handed in while it runs waits for the next one,
 * which takes every chunk waiting (up to `chunkSize` records): one commit for many partitions' records, and no wait
 * for a chunk that finds none running. When a shared transaction fails, it is rolled back and each of its chunks is
 * tried alone, then record by record, whose retries and dead letters isolate the record at fault: a bad record never
 * fails its neighbours nor blocks the partition.
 */
@Injectable()
export class ChunkProcessor {
  private readonly logger = new Logger(ChunkProcessor.name);
  private readonly waiting: WaitingChunk[] = [];
  private sharedRunning = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly router: MessageRouter,
    private readonly transaction: ChunkTransaction,
    private readonly processor: MessageProcessor,
    private readonly metrics: MessagingMetrics,
  ) {}

  async process(
    inbounds: readonly InboundMessage[],
    control: ProcessingControl,
    durable: DurableCallback,
  ): Promise<void> {
    const decisions = await Promise.all(
      inbounds.map((inbound) => this.router.route(inbound.topic, inbound.message)),
    );
    const indexes: number[] = [];
    const items: ChunkItem[] = [];
    for (const [index, decision] of decisions.entries()) {
      if (decision.kind === 'handle') {
        indexes.push(index);
        items.push({ event: decision.event, handler: decision.handler, context: contextOf(inbounds[index]) });
      }
    }
    const outcomes = items.length === 0 ? [] : await this.handleTogether(items);
    if (outcomes === undefined) {
      return this.oneByOne(inbounds, decisions, control, durable);
    }
    const outcomeOf = new Map(outcomes.map((outcome, position) => [indexes[position], outcome]));
    for (const [index, inbound] of inbounds.entries()) {
      const decision = decisions[index];
      const outcome = outcomeOf.get(index);
      if (outcome !== undefined && decision.kind === 'handle') {
        this.count(inbound, decision.event.id, decision.event.type, outcome);
      } else {
        await this.processor.settle(inbound, decision, control);
      }
      durable(inbound);
    }
  }

  /** The items' outcomes once committed, with other chunks or alone; `undefined` when alone failed too. */
  private async handleTogether(items: ChunkItem[]): Promise<ChunkOutcome[] | undefined> {
    const shared = await new Promise<SharedResult>((done) => {
      this.waiting.push({ items, done });
      void this.runShared();
    });
    if (shared.outcomes !== undefined || !shared.withOthers) {
      return shared.outcomes;
    }
    return this.attempt(items);
  }

  private async runShared(): Promise<void> {
    if (this.sharedRunning) {
      return;
    }
    this.sharedRunning = true;
    try {
      while (this.waiting.length > 0) {
        const taken = this.takeWaiting();
        const outcomes = await this.attempt(taken.flatMap((chunk) => chunk.items));
        let start = 0;
        for (const chunk of taken) {
          const end = start + chunk.items.length;
          chunk.done({ outcomes: outcomes?.slice(start, end), withOthers: taken.length > 1 });
          start = end;
        }
      }
    } finally {
      this.sharedRunning = false;
    }
  }

  /** The chunks waiting longest, as many as fit in one chunk's size; the first whatever its size. */
  private takeWaiting(): WaitingChunk[] {
    let records = this.waiting[0].items.length;
    let count = 1;
    while (
      count < this.waiting.length &&
      records + this.waiting[count].items.length <= this.options.consumer.chunkSize
    ) {
      records += this.waiting[count].items.length;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  /** Runs the items' handlers in one transaction: their outcomes, or `undefined` once it failed and rolled back. */
  private async attempt(items: readonly ChunkItem[]): Promise<ChunkOutcome[] | undefined> {
    try {
      return await this.transaction.run(items);
    } catch (error) {
      this.logger.warn({
        msg: 'chunk transaction failed and was rolled back',
        topic: items[0].context.topic,
        partitions: [...new Set(items.map((item) => item.context.partition))],
        fromOffset: items[0].context.offset,
        records: items.length,
        error: errorMessage(error),
      });
      return undefined;
    }
  }

  private async oneByOne(
    inbounds: readonly InboundMessage[],
    decisions: readonly RoutingDecision[],
    control: ProcessingControl,
    durable: DurableCallback,
  ): Promise<void> {
    for (const [index, inbound] of inbounds.entries()) {
      if (!control.shouldContinue()) {
        return;
      }
      await this.processor.settle(inbound, decisions[index], control);
      durable(inbound);
    }
  }

  private count(inbound: InboundMessage, eventId: string, type: string, outcome: ChunkOutcome): void {
    this.metrics.consumed(inbound.topic, type);
    if (outcome === 'duplicate') {
      this.metrics.duplicate(inbound.topic, type);
      this.logger.debug({
        msg: 'duplicate event skipped',
        topic: inbound.topic,
        partition: inbound.partition,
        offset: inbound.message.offset,
        eventId,
      });
    }
  }
}

function contextOf(inbound: InboundMessage): ChunkItem['context'] {
  return {
    topic: inbound.topic,
    partition: inbound.partition,
    offset: inbound.message.offset,
    key: inbound.message.key?.toString() ?? null,
    groupId: inbound.groupId,
    attempt: 1,
  };
}
