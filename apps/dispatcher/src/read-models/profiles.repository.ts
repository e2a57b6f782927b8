import { Injectable } from '@nestjs/common';
import type { PreferenceProfileData } from '@notify/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ProfileEntity } from './profile.entity';

@Injectable()
export class ProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the profile unless a newer revision is already held (the topic may replay older records). */
  async upsert(profile: PreferenceProfileData, tx: EntityManager): Promise<void> {
    const { preferences } = profile;
    await tx.query(
      `INSERT INTO profiles AS p (user_id, email, display_name, locale, time_zone,
         mentions, comments, private_messages, community_activity, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (user_id) DO UPDATE SET
         email = excluded.email, display_name = excluded.display_name, locale = excluded.locale,
         time_zone = excluded.time_zone, mentions = excluded.mentions, comments = excluded.comments,
         private_messages = excluded.private_messages, community_activity = excluded.community_activity,
         revision = excluded.revision, updated_at = now()
       WHERE p.revision < excluded.revision`,
      [
        profile.userId,
        profile.email,
        profile.displayName,
        profile.locale,
        profile.timeZone,
        preferences.mentions,
        preferences.comments,
        preferences.privateMessages,
        preferences.communityActivity,
        profile.revision,
      ],
    );
  }

  findByIds(
    userIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProfileEntity[]> {
    if (userIds.length === 0) {
      return Promise.resolve([]);
    }
    return manager.findBy(ProfileEntity, { userId: In([...new Set(userIds)]) });
  }

  /** Distinct time zones of all profiles, read by skipping through the index rather than scanning every row. */
  async timeZones(): Promise<string[]> {
    const rows: { time_zone: string }[] = await this.dataSource.query(`
      WITH RECURSIVE zones AS (
        (SELECT time_zone FROM profiles ORDER BY time_zone LIMIT 1)
        UNION ALL
        SELECT (SELECT p.time_zone FROM profiles p WHERE p.time_zone > zones.time_zone ORDER BY p.time_zone LIMIT 1)
        FROM zones WHERE zones.time_zone IS NOT NULL
      )
      SELECT time_zone FROM zones WHERE time_zone IS NOT NULL`);
    return rows.map((row) => row.time_zone);
  }
}
