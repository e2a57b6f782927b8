import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  actor: string;
  action: 'suppression.lift' | 'dead-letters.replay' | 'outbox.retry';
  target: string;
  reason: string;
  outcome: 'done' | 'failed';
  detail?: Record<string, unknown>;
}

/** Every console action: a structured log line, and a row in the console's own audit table. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  async record(record: AuditRecord, at = new Date()): Promise<void> {
    this.logger.log(JSON.stringify({ msg: 'console action', at: at.toISOString(), ...record }));
    const entry = this.entries.create({ ...record, detail: record.detail ?? {}, occurredAt: at });
    await this.entries.save(entry);
  }

  latest(limit: number): Promise<AuditEntryEntity[]> {
    return this.entries.find({ order: { occurredAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
