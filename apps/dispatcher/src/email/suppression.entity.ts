import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const SUPPRESSION_REASONS = ['bounce', 'complaint'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** An address no email is sent to any more: it bounced permanently or its owner reported spam. */
@Entity({ name: 'email_suppressions' })
export class EmailSuppression {
  /** Normalised: trimmed and lower-cased. */
  @PrimaryColumn({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  reason!: SuppressionReason;

  /** Bounce diagnostic from the mail server, for support. */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  /** SES message id of the email that bounced or was reported. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  /** The feedback event (CloudEvents source and id) that suppressed the address. */
  @Column({ name: 'event_source', type: 'varchar', nullable: true })
  eventSource!: string | null;

  @Column({ name: 'event_id', type: 'varchar', nullable: true })
  eventId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
