import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsId, PENDING_ITEM_KINDS, type PendingItemKind } from '@notify/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ItemStatus, ModerationItem } from '../../queue/moderation-item.entity';

export const MAX_REMINDERS = 200;

export class SentRemindersQueryDto {
  @ApiProperty({ description: 'The community whose reminders to list' })
  @IsId()
  communityId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_REMINDERS, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REMINDERS)
  limit: number = 50;
}

export class SentReminderResponse {
  @ApiProperty({ enum: PENDING_ITEM_KINDS })
  kind!: PendingItemKind;

  @ApiProperty({ description: 'The access request or submission the moderators were reminded of' })
  id!: string;

  @ApiProperty({ description: 'The user asking for access, or the author' })
  requesterId!: string;

  @ApiPropertyOptional({ description: 'Access request message' })
  message?: string;

  @ApiPropertyOptional({ description: 'Submission title' })
  title?: string;

  @ApiProperty({ format: 'date-time' })
  pendingSince!: string;

  @ApiProperty({
    format: 'date-time',
    description: "When the reminder to the community's moderators was emitted (once per item)",
  })
  remindedAt!: string;

  @ApiProperty({ enum: ['pending', 'approved', 'rejected'], description: 'The item now' })
  status!: ItemStatus;

  @ApiPropertyOptional({ format: 'date-time' })
  decidedAt?: string;

  static from(item: ModerationItem): SentReminderResponse {
    return {
      kind: item.kind,
      id: item.id,
      requesterId: item.requesterId,
      message: item.message ?? undefined,
      title: item.title ?? undefined,
      pendingSince: item.pendingSince.toISOString(),
      remindedAt: (item.remindedAt ?? item.pendingSince).toISOString(),
      status: item.status,
      decidedAt: item.decidedAt?.toISOString(),
    };
  }
}

export class SentRemindersResponse {
  @ApiProperty({ type: [SentReminderResponse], description: 'Latest reminder first' })
  items!: SentReminderResponse[];

  @ApiProperty({ description: 'Older reminders exist beyond `limit`' })
  more!: boolean;
}
