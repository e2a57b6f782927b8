import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ALL_TOPICS, type Topic } from '@notify/contracts';
import {
  DeadLetterTool,
  formatPartitionOffsets,
  parsePartitionOffsets,
  type DeadLetterEntry,
} from '@notify/messaging';
import { AuditService } from '../audit/audit.service';
import { ConsoleConfig } from '../config/console.config';
import type { ConsoleUser } from '../session/console-roles';

/** Kafka client id, and the prefix of the throw-away consumer groups the `console` principal may use. */
export const CONSOLE_KAFKA_CLIENT = 'console';

const PAYLOAD_PREVIEW_CHARS = 4000;

export interface DeadLetterView {
  position: string;
  eventId?: string;
  eventType?: string;
  eventSource?: string;
  key: string;
  reason: string;
  error: string;
  failedAt: string;
  payload: string;
}

/** Where a page of dead letters sits: bounds as they travel in the "older" and "newer" links. */
export interface DeadLetterPageBounds {
  before?: string;
  after?: string;
}

export interface DeadLetterPageView {
  letters: DeadLetterView[];
  pageSize: number;
  older?: string;
  newer?: string;
}

/** The shared dead-letter tool connected as the console's Kafka principal; its lines go to the console's log. */
export function consoleDeadLetterTool(config: ConsoleConfig): DeadLetterTool {
  const logger = new Logger('DeadLetters');
  return DeadLetterTool.fromSettings(
    config,
    {
      line: () => undefined,
      progress: (text) => logger.debug(text),
      audit: (record) => logger.log(JSON.stringify(record)),
    },
    CONSOLE_KAFKA_CLIENT,
  );
}

/** Dead letters read and replayed as the console's own Kafka principal, through the shared dead-letter tool. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly tool: DeadLetterTool,
    private readonly config: ConsoleConfig,
    private readonly audit: AuditService,
  ) {}

  topics(): readonly Topic[] {
    return ALL_TOPICS;
  }

  /** One page, newest failure first, of at most CONSOLE_PAGE_SIZE dead letters: never the whole topic. */
  async page(topic: string, { before, after }: DeadLetterPageBounds): Promise<DeadLetterPageView> {
    if (before !== undefined && after !== undefined) {
      throw new BadRequestException('after and before cannot both be given');
    }
    const size = this.config.CONSOLE_PAGE_SIZE;
    const page = await this.tool.page(
      knownTopic(topic),
      after !== undefined
        ? { size, after: parsePartitionOffsets(after) }
        : before !== undefined
          ? { size, before: parsePartitionOffsets(before) }
          : { size },
    );
    return {
      letters: page.entries.map(toView),
      pageSize: size,
      older: page.older && formatPartitionOffsets(page.older),
      newer: page.newer && formatPartitionOffsets(page.newer),
    };
  }

  async replay(actor: ConsoleUser, topic: string, eventIds: string[], reason: string): Promise<number> {
    const logical = knownTopic(topic);
    const entry = { actor: actor.userId, action: 'dead-letters.replay', target: logical, reason } as const;
    try {
      const replayed = await this.tool.replay(logical, { ids: eventIds }, actor.userId);
      const ids = replayed.map((letter) => letter.eventId);
      await this.audit.record({ ...entry, outcome: 'done', detail: { requested: eventIds, replayed: ids } });
      return replayed.length;
    } catch (error) {
      await this.audit.record({
        ...entry,
        outcome: 'failed',
        detail: { requested: eventIds, error: String(error) },
      });
      throw error;
    }
  }
}

function knownTopic(topic: string): Topic {
  const known = ALL_TOPICS.find((candidate) => candidate === topic);
  if (!known) {
    throw new NotFoundException(`topic must be one of: ${ALL_TOPICS.join(', ')}`);
  }
  return known;
}

function toView(entry: DeadLetterEntry): DeadLetterView {
  return {
    position: `${entry.partition}:${entry.offset}`,
    eventId: entry.eventId,
    eventType: entry.eventType,
    eventSource: entry.eventSource,
    key: entry.key?.toString('utf8') ?? '',
    reason: entry.reason,
    error: entry.error,
    failedAt: entry.failedAt.toISOString(),
    payload: readablePayload(entry.value),
  };
}

function readablePayload(value: Buffer | null): string {
  if (!value) {
    return '(empty)';
  }
  const text = value.toString('utf8');
  let readable = text;
  try {
    readable = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON (an undecodable record): shown as it is.
  }
  return readable.length > PAYLOAD_PREVIEW_CHARS ? `${readable.slice(0, PAYLOAD_PREVIEW_CHARS)}…` : readable;
}
