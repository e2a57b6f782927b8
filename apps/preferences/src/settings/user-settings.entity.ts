import type { CommunityActivityFrequency, Frequency } from '@notify/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One row per user: the notification profile (all null until known) and the four category frequencies. */
@Entity({ name: 'user_settings' })
export class UserSettingsEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 200 })
  userId!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName!: string | null;

  @Column({ type: 'varchar', length: 35, nullable: true })
  locale!: string | null;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  /** When the profile was last changed at its source; an older platform upsert is ignored. */
  @Column({ name: 'profile_updated_at', type: 'timestamptz', nullable: true })
  profileUpdatedAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  mentions!: Frequency;

  @Column({ type: 'varchar', length: 16 })
  comments!: Frequency;

  @Column({ name: 'private_messages', type: 'varchar', length: 16 })
  privateMessages!: Frequency;

  @Column({ name: 'community_activity', type: 'varchar', length: 16 })
  communityActivity!: CommunityActivityFrequency;

  @Column({ type: 'integer' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
