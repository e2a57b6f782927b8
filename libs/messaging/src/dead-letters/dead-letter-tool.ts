import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { createKafkaClient } from '../kafka/kafka-client.factory';
import { TopicNamer } from '../kafka/topic-namer';
import { resolveMessagingOptions } from '../messaging.options';
import { serviceMessagingOptions, type ServiceKafkaSettings } from '../service-messaging-options';
import type { DeadLetterEntry } from './dead-letter-entry';
import { pageOf, pageRanges, type DeadLetterPage, type DeadLetterPageRequest } from './dead-letter-page';
import { partitionWatermarks, readDeadLetterRanges } from './dead-letter-range-reader';
import { readDeadLetters } from './dead-letter-reader';
import { replayDeadLetters } from './dead-letter-replayer';
import { selectDeadLetters, type DeadLetterSelection } from './dead-letter-selection';
import { deadLetterTable } from './dead-letter-table';

export const DEAD_LETTER_TOOL_CLIENT = 'dlq-tool';

/** Where the tool writes: results on one stream, progress on another, and one audit record per replayed event. */
export interface DeadLetterToolOutput {
  line(text: string): void;
  progress(text: string): void;
  audit(record: Record<string, unknown>): void;
}

/** Lists and replays the dead letters of one logical topic of this deployment. */
export class DeadLetterTool {
  private readonly namer: TopicNamer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly output: DeadLetterToolOutput,
    private readonly clientId: string = DEAD_LETTER_TOOL_CLIENT,
  ) {
    this.namer = new TopicNamer(topicPrefix);
  }

  /**
   * A tool connected like the services: same brokers, prefix and transport security. `clientId` names its Kafka
   * client and prefixes its throw-away consumer groups (the principal's group ACL is granted on that prefix).
   */
  static fromSettings(
    settings: ServiceKafkaSettings,
    output: DeadLetterToolOutput,
    clientId: string = DEAD_LETTER_TOOL_CLIENT,
  ): DeadLetterTool {
    const options = resolveMessagingOptions(serviceMessagingOptions(clientId, settings));
    return new DeadLetterTool(createKafkaClient(options), settings.KAFKA_TOPIC_PREFIX, output, clientId);
  }

  async list(topic: string, selection: DeadLetterSelection): Promise<DeadLetterEntry[]> {
    const selected = await this.select(topic, selection);
    deadLetterTable(selected).forEach((line) => this.output.line(line));
    this.output.line(`${selected.length} dead letter(s) of ${this.namer.deadLetter(topic)}`);
    return selected;
  }

  /** One page of a topic's dead letters, newest failure first; reads at most `size` records per partition. */
  async page(topic: string, request: DeadLetterPageRequest): Promise<DeadLetterPage> {
    const deadLetterTopic = this.namer.deadLetter(topic);
    const marks = await partitionWatermarks(this.kafka, deadLetterTopic);
    const ranges = pageRanges(marks, request);
    const read = await readDeadLetterRanges(this.kafka, deadLetterTopic, ranges, {
      groupId: `${this.topicPrefix}${this.clientId}-${randomUUID()}`,
    });
    return pageOf(marks, ranges, read, request);
  }

  async replay(topic: string, selection: DeadLetterSelection, operator: string): Promise<DeadLetterEntry[]> {
    const selected = await this.select(topic, selection);
    const deadLetterTopic = this.namer.deadLetter(topic);
    const target = this.namer.physical(topic);
    const at = new Date();
    await replayDeadLetters(this.kafka, target, selected, { operator, at, deadLetterTopic }, (entry) =>
      this.output.audit({
        msg: 'dead letter replayed',
        operator,
        at: at.toISOString(),
        topic: target,
        eventId: entry.eventId,
        eventType: entry.eventType,
        source: entry.eventSource,
        reason: entry.reason,
        failedAt: entry.failedAt.toISOString(),
        from: `${deadLetterTopic}:${entry.partition}:${entry.offset}`,
      }),
    );
    this.output.line(`${selected.length} dead letter(s) replayed onto ${target} by ${operator}`);
    return selected;
  }

  private async select(topic: string, selection: DeadLetterSelection): Promise<DeadLetterEntry[]> {
    const deadLetterTopic = this.namer.deadLetter(topic);
    let reported = 0;
    const entries = await readDeadLetters(this.kafka, deadLetterTopic, {
      groupId: `${this.topicPrefix}${this.clientId}-${randomUUID()}`,
      onProgress: ({ read, total }) => {
        // One line per tenth of the topic: enough to see a long read moving without flooding the terminal.
        if (read === total || read - reported >= Math.max(1000, total / 10)) {
          reported = read;
          this.output.progress(`read ${read}/${total} records of ${deadLetterTopic}`);
        }
      },
    });
    return selectDeadLetters(entries, selection);
  }
}
