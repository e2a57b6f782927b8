import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PENDING_ITEM_KINDS, type PendingItemKind } from '@notify/contracts';
import type { DecidedItem } from '../../events/moderation-events.publisher';

export class ModeratorContactResponse {
  @ApiProperty()
  userId!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ format: 'email' })
  contactEmail!: string;
}

export class DecisionResponse {
  @ApiProperty({ enum: PENDING_ITEM_KINDS })
  kind!: PendingItemKind;

  @ApiProperty()
  id!: string;

  @ApiProperty()
  communityId!: string;

  @ApiProperty({ enum: ['approved', 'rejected'] })
  status!: 'approved' | 'rejected';

  @ApiProperty({ format: 'date-time' })
  decidedAt!: string;

  @ApiProperty({ type: ModeratorContactResponse })
  decidedBy!: ModeratorContactResponse;

  @ApiPropertyOptional()
  reason?: string;

  static from(decided: DecidedItem): DecisionResponse {
    const { item, verdict, decidedBy, decidedAt } = decided;
    return {
      kind: item.kind,
      id: item.id,
      communityId: item.communityId,
      status: verdict.status,
      decidedAt: decidedAt.toISOString(),
      decidedBy: { ...decidedBy },
      reason: verdict.reason,
    };
  }
}
