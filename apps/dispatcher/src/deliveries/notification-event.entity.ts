import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event that caused notifications, kept so emails can be built (and rebuilt after a retry) from its data. */
@Entity({ name: 'notification_events' })
export class NotificationEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar' })
  source!: string;

  @Column({ name: 'event_id', type: 'varchar' })
  eventId!: string;

  @Column({ type: 'varchar' })
  type!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb' })
  data!: object;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'varchar', nullable: true })
  traceparent!: string | null;
}
