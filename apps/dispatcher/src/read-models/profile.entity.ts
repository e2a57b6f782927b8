import type { CommunityActivityFrequency, Frequency, NotificationCategory } from '@notify/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's contact details and notification preferences, as last published by the preferences service. */
@Entity({ name: 'profiles' })
export class ProfileEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar' })
  userId!: string;

  @Column({ type: 'varchar' })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar' })
  displayName!: string;

  @Column({ type: 'varchar' })
  locale!: string;

  @Column({ name: 'time_zone', type: 'varchar' })
  timeZone!: string;

  @Column({ type: 'varchar' })
  mentions!: Frequency;

  @Column({ type: 'varchar' })
  comments!: Frequency;

  @Column({ name: 'private_messages', type: 'varchar' })
  privateMessages!: Frequency;

  @Column({ name: 'community_activity', type: 'varchar' })
  communityActivity!: CommunityActivityFrequency;

  @Column({ type: 'bigint' })
  revision!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The user's frequency for a preference category. */
export function preferenceOf(profile: ProfileEntity, category: NotificationCategory): Frequency {
  return profile[category];
}
