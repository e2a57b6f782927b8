// Processor of a chunk: owns taking consecutive records of one partition to durable outcomes, one by one on failure.
import { Injectable, Logger } from '@nestjs/common';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { errorMessage } from '../shared/errors';
import { ChunkTransaction, type ChunkItem, type ChunkOutcome } from './chunk-transaction';
import { MessageProcessor, type InboundMessage } from './message-processor.service';
import { MessageRouter, type RoutingDecision } from './message-router';
import type { ProcessingControl } from './processing-control';

/** Called in record order as each record's outcome becomes durable; the offset may then be committed. */
export type DurableCallback = (inbound: InboundMessage) => void;

/**
 * Takes consecutive records of one partition to durable outcomes together: all of them are routed, the handled
 * ones share one transaction (`ChunkTransaction`), then the others are ignored or dead-lettered one by one. When the
 * shared transaction fails, it is rolled back and the chunk goes through the one-by-one path, whose retries and
 * dead letters isolate the record at fault: a bad record never fails its neighbours nor blocks the partition.
 */
@Injectable()
export class ChunkProcessor {
  private readonly logger = new Logger(ChunkProcessor.name);

  constructor(
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
    const outcomes = await this.handleTogether(inbounds, decisions);
    if (outcomes === undefined) {
      return this.oneByOne(inbounds, decisions, control, durable);
    }
    for (const [index, inbound] of inbounds.entries()) {
      const decision = decisions[index];
      const outcome = outcomes.get(index);
      if (outcome !== undefined && decision.kind === 'handle') {
        this.count(inbound, decision.event.id, decision.event.type, outcome);
      } else {
        await this.processor.settle(inbound, decision, control);
      }
      durable(inbound);
    }
  }

  /** Outcomes by record index, or `undefined` when the shared transaction failed and was rolled back. */
  private async handleTogether(
    inbounds: readonly InboundMessage[],
    decisions: readonly RoutingDecision[],
  ): Promise<Map<number, ChunkOutcome> | undefined> {
    const indexes: number[] = [];
    const items: ChunkItem[] = [];
    for (const [index, decision] of decisions.entries()) {
      if (decision.kind === 'handle') {
        indexes.push(index);
        items.push({ event: decision.event, handler: decision.handler, context: contextOf(inbounds[index]) });
      }
    }
    if (items.length === 0) {
      return new Map();
    }
    try {
      const outcomes = await this.transaction.run(items);
      return new Map(outcomes.map((outcome, position) => [indexes[position], outcome]));
    } catch (error) {
      this.logger.warn({
        msg: 'chunk transaction failed; handling its records one by one',
        topic: inbounds[0].topic,
        partition: inbounds[0].partition,
        fromOffset: inbounds[0].message.offset,
        records: inbounds.length,
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
