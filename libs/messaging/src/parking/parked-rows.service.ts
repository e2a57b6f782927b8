import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DeadLetterPublisher } from '../dead-letters/dead-letter.publisher';
import { TopicNamer } from '../kafka/topic-namer';
import { errorMessage } from '../shared/errors';
import type { ParkedRow } from './parked-row';
import type { ParkedRowDto, ParkedRowRetriedDto, ParkedRowsPageDto } from './parked-rows.dto';
import { ParkedRowsGauge } from './parked-rows.gauge';
import { ParkedRowsRepository } from './parked-rows.repository';

/** What operators do with parked rows: list them, and send one again once the cause is fixed. */
@Injectable()
export class ParkedRowsService {
  constructor(
    private readonly repository: ParkedRowsRepository,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly namer: TopicNamer,
    private readonly gauge: ParkedRowsGauge,
  ) {}

  async list(limit: number, cursor?: string): Promise<ParkedRowsPageDto> {
    const rows = await this.repository.list(limit, cursor);
    return {
      items: rows.map(toDto),
      nextCursor: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
    };
  }

  /**
   * An outbox row goes back to the end of the outbox (the relay publishes it after the key's later events); a
   * dead-letter copy is sent to its dead-letter topic at once and stays parked if Kafka refuses it again.
   */
  async retry(id: string): Promise<ParkedRowRetriedDto> {
    const kind = await this.repository.kindOf(id);
    if (kind === undefined) {
      throw notFound(id);
    }
    const outboxId = kind === 'outbox' ? await this.moveToOutbox(id) : await this.resendDeadLetter(id);
    this.gauge.refreshQuietly();
    return { id, kind, ...(outboxId === undefined ? {} : { outboxId }) };
  }

  private async moveToOutbox(id: string): Promise<string> {
    const outboxId = await this.repository.moveToOutbox(id);
    if (outboxId === undefined) {
      throw notFound(id);
    }
    return outboxId;
  }

  private async resendDeadLetter(id: string): Promise<undefined> {
    const record = await this.repository.findDeadLetter(id);
    if (!record) {
      throw notFound(id);
    }
    try {
      await this.deadLetters.send({
        topic: this.namer.physical(record.topic),
        key: record.key === null ? null : Buffer.from(record.key),
        value: record.value,
        headers: record.headers,
      });
    } catch (error) {
      throw new ConflictException(`Kafka refused the record again, it stays parked: ${errorMessage(error)}`);
    }
    await this.repository.delete(id);
    return undefined;
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`No parked row with id ${id}`);
}

function toDto(row: ParkedRow): ParkedRowDto {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    firstAttemptAt: row.firstAttemptAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt.toISOString(),
    parkedAt: row.parkedAt.toISOString(),
  };
}
