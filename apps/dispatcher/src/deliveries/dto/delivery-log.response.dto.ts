import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../policy/delivery-vocabulary';
import type { DeliveryLogEntry } from '../delivery-log.repository';
import type { DeliveryLogPage } from '../delivery-log.service';

export class DeliveryLogEntryResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description:
      '`digest-queued`: waits for the next digest; `sending`: being sent right now; after `sent`, the email ' +
      "provider's report: `delivered`, `delayed`, `bounced` (reason permanent or transient), `complained`, or " +
      '`failed` (rejected-by-provider, unrenderable)',
  })
  status!: DeliveryStatus;

  @ApiPropertyOptional({
    description:
      'Why it was skipped (preference-never, suppressed, not-a-member, no-profile, self-action, ...) or failed',
  })
  reason?: string;

  @ApiPropertyOptional({ description: 'Error reported by the email provider for the last failed try' })
  detail?: string;

  @ApiProperty({ description: 'transactional, mentions, comments, privateMessages or communityActivity' })
  category!: string;

  @ApiProperty({ description: 'The email template, e.g. access-request.rejected' })
  template!: string;

  @ApiProperty({ description: 'CloudEvents id of the event that caused the notification' })
  eventId!: string;

  @ApiProperty()
  eventSource!: string;

  @ApiProperty()
  eventType!: string;

  @ApiProperty({ format: 'date-time' })
  eventTime!: string;

  @ApiPropertyOptional()
  communityId?: string;

  @ApiPropertyOptional({
    enum: ['daily', 'weekly'],
    description: 'Digest frequency when the item was queued',
  })
  frequency?: string;

  @ApiPropertyOptional({ description: 'The digest that carried the item' })
  digestId?: string;

  @ApiPropertyOptional({ description: 'SES message id of the email (of the digest, for digest items)' })
  sesMessageId?: string;

  @ApiPropertyOptional({ description: 'Language the email was written in (ISO 639-1, e.g. pl), once sent' })
  language?: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  sentAt?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the email provider reported the current status (delivered, bounced, complained, delayed)',
  })
  statusChangedAt?: string;

  static from(entry: DeliveryLogEntry): DeliveryLogEntryResponse {
    return {
      id: entry.id,
      status: entry.status,
      reason: entry.reason ?? undefined,
      detail: entry.detail ?? undefined,
      category: entry.category,
      template: entry.template,
      eventId: entry.eventId,
      eventSource: entry.eventSource,
      eventType: entry.eventType,
      eventTime: entry.eventTime.toISOString(),
      communityId: entry.communityId ?? undefined,
      frequency: entry.frequency ?? undefined,
      digestId: entry.digestId ?? undefined,
      sesMessageId: entry.sesMessageId ?? undefined,
      language: entry.language ?? undefined,
      attempts: entry.attempts,
      createdAt: entry.createdAt.toISOString(),
      updatedAt: entry.updatedAt.toISOString(),
      sentAt: entry.sentAt?.toISOString(),
      statusChangedAt: entry.statusChangedAt?.toISOString(),
    };
  }
}

export class DeliveryLogPageResponse {
  @ApiProperty({ type: [DeliveryLogEntryResponse] })
  items!: DeliveryLogEntryResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;

  static from(page: DeliveryLogPage): DeliveryLogPageResponse {
    return {
      items: page.items.map((entry) => DeliveryLogEntryResponse.from(entry)),
      nextCursor: page.nextCursor,
    };
  }
}
