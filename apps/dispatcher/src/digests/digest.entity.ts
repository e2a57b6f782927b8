import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DigestKind } from './digests.repository';

export type DigestStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

/** One digest email of one user for one period; (user, kind, period start) is unique, so a period is never sent twice. */
@Entity({ name: 'digests' })
export class DigestEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar' })
  userId!: string;

  @Column({ type: 'varchar' })
  kind!: DigestKind;

  /** The user's local date the digest went out on (`YYYY-MM-DD`). */
  @Column({ name: 'period_start', type: 'date' })
  periodStart!: string;

  @Column({ type: 'varchar' })
  status!: DigestStatus;

  @Column({ type: 'varchar', nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', nullable: true })
  detail!: string | null;

  @Column({ name: 'item_count', type: 'integer' })
  itemCount!: number;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy!: string | null;

  /** Raised by every claim; fences the outcome of a claim that was taken over meanwhile. */
  @Column({ name: 'claim_version', type: 'integer' })
  claimVersion!: number;

  @Column({ name: 'ses_message_id', type: 'varchar', nullable: true })
  sesMessageId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
