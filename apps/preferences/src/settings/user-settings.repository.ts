import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withTransaction } from '@notify/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { UserSettingsEntity } from './user-settings.entity';
import { newUserSettings, type UserSettings } from './user-settings';

/** Reads and writes `user_settings` rows, mapping them to and from `UserSettings`. */
@Injectable()
export class UserSettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; every change of a user's settings and its outbox event share it. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.dataSource, work);
  }

  async findById(userId: string): Promise<UserSettings | null> {
    const row = await this.dataSource.getRepository(UserSettingsEntity).findOneBy({ userId });
    return row ? toSettings(row) : null;
  }

  /** Users whose profile has this address, compared case-insensitively (few; an address is rarely shared). */
  async findUserIdsByEmail(email: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(UserSettingsEntity)
      .createQueryBuilder('settings')
      .select('settings.userId', 'userId')
      .where('lower(settings.email) = lower(:email)', { email })
      .orderBy('settings.userId')
      .limit(limit)
      .getRawMany<{ userId: string }>();
    return rows.map((row) => row.userId);
  }

  /** Locks the user's row until `manager`'s transaction ends, creating it with the defaults when missing. */
  async lockOrCreate(manager: EntityManager, userId: string): Promise<UserSettings> {
    const existing = await this.findForUpdate(manager, userId);
    if (existing) {
      return existing;
    }
    // A concurrent first write for the same user may win the insert; the lock below then waits for it.
    await manager
      .createQueryBuilder()
      .insert()
      .into(UserSettingsEntity)
      .values(toRow(newUserSettings(userId)))
      .orIgnore()
      .execute();
    const created = await this.findForUpdate(manager, userId);
    if (!created) {
      throw new Error(`user_settings row of ${userId} vanished inside its transaction`);
    }
    return created;
  }

  /** Deletes the user's row inside `manager`'s transaction; answers what it held, or null when there was none. */
  async delete(manager: EntityManager, userId: string): Promise<UserSettings | null> {
    const existing = await this.findForUpdate(manager, userId);
    if (existing) {
      await manager.getRepository(UserSettingsEntity).delete({ userId });
    }
    return existing;
  }

  async save(manager: EntityManager, settings: UserSettings): Promise<void> {
    await manager.getRepository(UserSettingsEntity).update({ userId: settings.userId }, toRow(settings));
  }

  private async findForUpdate(manager: EntityManager, userId: string): Promise<UserSettings | null> {
    const row = await manager
      .getRepository(UserSettingsEntity)
      .findOne({ where: { userId }, lock: { mode: 'pessimistic_write' } });
    return row ? toSettings(row) : null;
  }
}

type UserSettingsRow = Omit<UserSettingsEntity, 'createdAt' | 'updatedAt'>;

function toRow(settings: UserSettings): UserSettingsRow {
  const { profile, preferences } = settings;
  return {
    userId: settings.userId,
    email: profile?.email ?? null,
    displayName: profile?.displayName ?? null,
    locale: profile?.locale ?? null,
    timeZone: profile?.timeZone ?? null,
    profileUpdatedAt: settings.profileUpdatedAt,
    mentions: preferences.mentions,
    comments: preferences.comments,
    privateMessages: preferences.privateMessages,
    communityActivity: preferences.communityActivity,
    revision: settings.revision,
  };
}

function toSettings(row: UserSettingsEntity): UserSettings {
  const { email, displayName, locale, timeZone } = row;
  const hasProfile = email !== null && displayName !== null && locale !== null && timeZone !== null;
  return {
    userId: row.userId,
    profile: hasProfile ? { email, displayName, locale, timeZone } : null,
    profileUpdatedAt: row.profileUpdatedAt,
    preferences: {
      mentions: row.mentions,
      comments: row.comments,
      privateMessages: row.privateMessages,
      communityActivity: row.communityActivity,
    },
    revision: row.revision,
  };
}
