import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PENDING_ITEM_KINDS, type PendingItemKind } from '@notify/contracts';
import type { ModerationItem } from '../moderation-item.entity';
import type { QueuePage } from '../queue.service';

export class QueueItemResponse {
  @ApiProperty({ enum: PENDING_ITEM_KINDS })
  kind!: PendingItemKind;

  @ApiProperty({
    description: 'Access request or submission id; decide with /moderation/{kind}s/{id}/approve|reject',
  })
  id!: string;

  @ApiProperty()
  communityId!: string;

  @ApiPropertyOptional({ description: 'Name of the community, once its details have arrived' })
  communityName?: string;

  @ApiProperty({ description: 'The user asking for access, or the author' })
  requesterId!: string;

  @ApiPropertyOptional({ description: 'Access request message' })
  message?: string;

  @ApiPropertyOptional({ description: 'Submission title' })
  title?: string;

  @ApiPropertyOptional({ description: 'Submission url' })
  url?: string;

  @ApiPropertyOptional({ description: 'Submission excerpt' })
  excerpt?: string;

  @ApiProperty({ format: 'date-time' })
  pendingSince!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the moderators were reminded' })
  remindedAt?: string;

  static from(item: ModerationItem): QueueItemResponse {
    return {
      kind: item.kind,
      id: item.id,
      communityId: item.communityId,
      communityName: item.community?.name,
      requesterId: item.requesterId,
      message: item.message ?? undefined,
      title: item.title ?? undefined,
      url: item.url ?? undefined,
      excerpt: item.excerpt ?? undefined,
      pendingSince: item.pendingSince.toISOString(),
      remindedAt: item.remindedAt?.toISOString(),
    };
  }
}

export class QueuePageResponse {
  @ApiProperty({ type: [QueueItemResponse] })
  items!: QueueItemResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;

  static from(page: QueuePage): QueuePageResponse {
    return { items: page.items.map((item) => QueueItemResponse.from(item)), nextCursor: page.nextCursor };
  }
}
