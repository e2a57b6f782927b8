import type { PendingItemKind } from '@notify/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ModeratedCommunity } from '../directory/moderated-community.entity';

export type ItemStatus = 'pending' | 'approved' | 'rejected';

/** An access request or a submission waiting for, or having received, a moderator's decision. */
@Entity('moderation_items')
export class ModerationItem {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: PendingItemKind;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'community_id', type: 'varchar', length: 200 })
  communityId!: string;

  /** Loaded for display only; no foreign key, so an item never waits for its community's event. */
  @ManyToOne(() => ModeratedCommunity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'community_id' })
  community?: ModeratedCommunity | null;

  /** The user asking for access, or the author of the submission. */
  @Column({ name: 'requester_id', type: 'varchar', length: 200 })
  requesterId!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  message!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  excerpt!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ItemStatus;

  @Column({ name: 'pending_since', type: 'timestamptz' })
  pendingSince!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by_user_id', type: 'varchar', length: 200, nullable: true })
  decidedByUserId!: string | null;

  @Column({ name: 'decided_by_display_name', type: 'varchar', length: 200, nullable: true })
  decidedByDisplayName!: string | null;

  @Column({ name: 'decided_by_contact_email', type: 'varchar', length: 320, nullable: true })
  decidedByContactEmail!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;
}
