import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TemplateId } from '../templates/template-id';
import type { DeliveryCategory, DeliveryStatus, DigestFrequency } from '../policy/delivery-vocabulary';
import type { RecipientRole } from '../policy/recipient-rules';

/** The outcome of one notification: one row per (event, recipient, template), whatever happened to it. */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** Row of `notification_events`; (source, event id) identifies the causing event. */
  @Column({ name: 'event_ref', type: 'bigint' })
  eventRef!: string;

  @Column({ name: 'recipient_user_id', type: 'varchar' })
  recipientUserId!: string;

  @Column({ name: 'recipient_role', type: 'varchar' })
  recipientRole!: RecipientRole;

  @Column({ type: 'varchar' })
  template!: TemplateId;

  @Column({ type: 'varchar' })
  category!: DeliveryCategory;

  @Column({ name: 'community_id', type: 'varchar', nullable: true })
  communityId!: string | null;

  /** Only current members of the community may receive it; checked again when the email is built. */
  @Column({ name: 'members_only', type: 'boolean' })
  membersOnly!: boolean;

  @Column({ type: 'varchar' })
  status!: DeliveryStatus;

  /** Why it was skipped or failed. */
  @Column({ type: 'varchar', nullable: true })
  reason!: string | null;

  /** Error text of the last failure, for support. */
  @Column({ type: 'varchar', nullable: true })
  detail!: string | null;

  /** The recipient's digest frequency when the item was queued. */
  @Column({ type: 'varchar', nullable: true })
  frequency!: DigestFrequency | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  /** The replica whose lease makes the claim live. */
  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy!: string | null;

  /** Raised by every claim; an outcome is recorded only while the row still carries the version its claim got. */
  @Column({ name: 'claim_version', type: 'integer' })
  claimVersion!: number;

  @Column({ name: 'digest_id', type: 'bigint', nullable: true })
  digestId!: string | null;

  @Column({ name: 'ses_message_id', type: 'varchar', nullable: true })
  sesMessageId!: string | null;

  /** The language the email was written in (ISO 639-1), once sent. */
  @Column({ type: 'varchar', nullable: true })
  language!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** When the email provider last moved the status (delivered, bounced, complained, delayed, failed). */
  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt!: Date | null;

  /** Sending order among due deliveries, lower first (`delivery-priority.ts`). */
  @Column({ type: 'smallint' })
  priority!: number;
}
