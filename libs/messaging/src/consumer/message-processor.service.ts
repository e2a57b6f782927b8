// Processor of one record: owns taking it to a durable outcome (handled, duplicate, ignored or dead-lettered).
import { Inject, Injectable, Logger } from '@nestjs/common';
import { deadLetterTopic, type DeadLetterReason } from '@notify/contracts';
import type { KafkaMessage } from 'kafkajs';
import { TopicNamer } from '../kafka/topic-namer';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { errorMessage } from '../shared/errors';
import { jitteredBackoffDelay } from '@notify/config';
import { sleep } from '../shared/timing';
import { classifyPublishFailure } from '../kafka/publish-failure';
import { ParkedRowsGauge } from '../parking/parked-rows.gauge';
import { ParkedRowsRepository } from '../parking/parked-rows.repository';
import { deadLetterFailureVerdict, recordBytes, type ParkReason } from '../parking/parking-rules';
import { deadLetterCopy, truncateError, type DeadLetterInfo } from '../dead-letters/dead-letter';
import { DeadLetterPublisher } from '../dead-letters/dead-letter.publisher';
import { HandlerInvoker } from './handler-invoker';
import { MessageRouter, type RoutingDecision } from './message-router';
import { ProcessingAbortedError, type ProcessingControl } from './processing-control';

export interface InboundMessage {
  /** Logical topic. */
  topic: string;
  partition: number;
  groupId: string;
  message: KafkaMessage;
}

export type ProcessingOutcome = 'handled' | 'duplicate' | 'ignored' | 'dead-lettered';

/**
 * Takes one record to a final outcome: handled, recognised as a duplicate, deliberately ignored, or copied to
 * the dead-letter topic. It returns only once that outcome is durable, so the caller may then commit the offset;
 * if it throws, the offset must not move.
 */
@Injectable()
export class MessageProcessor {
  private readonly logger = new Logger(MessageProcessor.name);

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly router: MessageRouter,
    private readonly invoker: HandlerInvoker,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly namer: TopicNamer,
    private readonly metrics: MessagingMetrics,
    private readonly parked: ParkedRowsRepository,
    private readonly parkedGauge: ParkedRowsGauge,
  ) {}

  async process(inbound: InboundMessage, control: ProcessingControl): Promise<ProcessingOutcome> {
    return this.settle(inbound, await this.router.route(inbound.topic, inbound.message), control);
  }

  /** `process` for a record already routed: the handler runs in its own transaction, with retries. */
  async settle(
    inbound: InboundMessage,
    decision: RoutingDecision,
    control: ProcessingControl,
  ): Promise<ProcessingOutcome> {
    this.metrics.consumed(inbound.topic, decision.event?.type ?? 'unknown');
    switch (decision.kind) {
      case 'ignore':
        this.metrics.ignored(inbound.topic, decision.event.type);
        this.logger.debug({ msg: 'event ignored', ...this.coordinates(inbound), type: decision.event.type });
        return 'ignored';
      case 'tombstone':
        this.metrics.ignored(inbound.topic, 'tombstone');
        this.logger.debug({ msg: 'tombstone skipped', ...this.coordinates(inbound) });
        return 'ignored';
      case 'dead-letter':
        await this.deadLetter(inbound, decision.reason, decision.error, control, decision.event?.type);
        return 'dead-lettered';
      case 'handle': {
        const outcome = await this.invoker.invoke(
          decision.event,
          decision.handler,
          {
            ...this.coordinates(inbound),
            key: inbound.message.key?.toString() ?? null,
            groupId: inbound.groupId,
          },
          control,
        );
        if (outcome.kind === 'failed') {
          await this.deadLetter(
            inbound,
            'handler-failed',
            errorMessage(outcome.error),
            control,
            decision.event.type,
          );
          return 'dead-lettered';
        }
        if (outcome.kind === 'duplicate') {
          this.metrics.duplicate(inbound.topic, decision.event.type);
          this.logger.debug({
            msg: 'duplicate event skipped',
            ...this.coordinates(inbound),
            eventId: decision.event.id,
          });
          return 'duplicate';
        }
        return 'handled';
      }
    }
  }

  /**
   * Retries the dead-letter write until it succeeds or the consumer must stop: a record is never dropped. A copy
   * Kafka can never take (too large, refused for good) is parked in `outbox_parked` instead, and the partition goes
   * on.
   */
  private async deadLetter(
    inbound: InboundMessage,
    reason: DeadLetterReason,
    error: string,
    control: ProcessingControl,
    type?: string,
  ): Promise<void> {
    const info: DeadLetterInfo = {
      reason,
      error,
      topic: this.namer.physical(inbound.topic),
      partition: inbound.partition,
      offset: inbound.message.offset,
      groupId: inbound.groupId,
      failedAt: new Date(),
    };
    const size = recordBytes(deadLetterCopy(inbound.message, info));
    const tooLarge = size > this.options.maxMessageBytes;
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (tooLarge) {
          // Never sent: Kafka would refuse it, and the attempt count says so (0).
          await this.park(
            inbound,
            info,
            'too-large',
            `${size} bytes, above the ${this.options.maxMessageBytes}-byte limit`,
            0,
            type,
          );
        } else {
          await this.deadLetters.publish(inbound.message, info);
        }
        break;
      } catch (publishError) {
        const verdict = deadLetterFailureVerdict(classifyPublishFailure(publishError));
        if (
          verdict.park &&
          (await this.parkOrFalse(inbound, info, verdict.reason, publishError, attempt, type))
        ) {
          break;
        }
        const delayMs = jitteredBackoffDelay(attempt, this.options.relay.backoff);
        this.logger.error({
          msg: 'dead-letter write failed; offset held, retrying',
          ...this.coordinates(inbound),
          reason,
          attempt,
          delayMs,
          error: errorMessage(publishError),
        });
        await sleep(delayMs, control.signal);
        if (!control.shouldContinue()) {
          throw new ProcessingAbortedError();
        }
      }
    }
    this.metrics.deadLettered(inbound.topic, reason);
    this.logger.warn({
      msg: 'event dead-lettered',
      ...this.coordinates(inbound),
      groupId: inbound.groupId,
      type,
      reason,
      error: truncateError(error, 300),
    });
  }

  private async parkOrFalse(
    inbound: InboundMessage,
    info: DeadLetterInfo,
    reason: ParkReason,
    publishError: unknown,
    attempts: number,
    type?: string,
  ): Promise<boolean> {
    try {
      await this.park(inbound, info, reason, errorMessage(publishError), attempts, type);
      return true;
    } catch (parkError) {
      this.logger.error({ msg: 'could not park a dead-letter copy', error: errorMessage(parkError) });
      return false;
    }
  }

  private async park(
    inbound: InboundMessage,
    info: DeadLetterInfo,
    reason: ParkReason,
    error: string,
    attempts: number,
    type?: string,
  ): Promise<void> {
    const copy = deadLetterCopy(inbound.message, info);
    await this.parked.parkDeadLetter({
      reason,
      error: truncateError(error),
      sizeBytes: recordBytes(copy),
      topic: deadLetterTopic(inbound.topic),
      key: copy.key?.toString() ?? null,
      value: copy.value,
      headers: copy.headers,
      eventType: type,
      eventId: copy.headers.ce_id,
      attempts,
      firstAttemptAt: info.failedAt,
    });
    this.logger.error({
      msg: 'dead-letter copy parked: the partition goes on without it',
      ...this.coordinates(inbound),
      reason,
      error: truncateError(error, 300),
    });
    this.parkedGauge.refreshQuietly();
  }

  private coordinates(inbound: InboundMessage) {
    return { topic: inbound.topic, partition: inbound.partition, offset: inbound.message.offset };
  }
}
