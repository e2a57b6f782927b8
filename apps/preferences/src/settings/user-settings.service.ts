import { Injectable } from '@nestjs/common';
import { EventTypes, Topics } from '@notify/contracts';
import { OutboxWriter } from '@notify/messaging';
import { forgetRateLimitSubject } from '@notify/rate-limit';
import type { EntityManager } from 'typeorm';
import { UserSettingsRepository } from './user-settings.repository';
import { sameVisibleState, toPublishedProfile, type UserSettings } from './user-settings';

/** Proposes the next state from the current one; returning `current` itself means "nothing to do". */
export type SettingsChange = (current: UserSettings) => UserSettings;

export interface ChangeOutcome {
  settings: UserSettings;
  /** False when the profile and preferences were already as proposed: nothing was published. */
  changed: boolean;
}

/**
 * The single write path for a user's settings. Each change runs under the user's row lock, so revisions
 * are gap-free and in order, and every visible change is published in the same transaction.
 */
@Injectable()
export class UserSettingsService {
  constructor(
    private readonly repository: UserSettingsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  find(userId: string): Promise<UserSettings | null> {
    return this.repository.findById(userId);
  }

  usersWithEmail(email: string, limit: number): Promise<string[]> {
    return this.repository.findUserIdsByEmail(email, limit);
  }

  /** Applies `change` in a transaction of its own. */
  change(userId: string, change: SettingsChange): Promise<ChangeOutcome> {
    return this.repository.transaction((manager) => this.changeWithin(manager, userId, change));
  }

  /**
   * Erases the user inside the caller's transaction: their settings, every outbox event that names them, and a
   * tombstone on the compacted profile topic so its consumers and the topic itself forget them too.
   */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    const erased = await this.repository.delete(manager, userId);
    const profile = erased?.profile;
    await this.outbox.eraseMentions(manager, [userId, profile?.email ?? '', profile?.displayName ?? '']);
    await this.outbox.tombstone(manager, Topics.PreferenceProfiles, userId);
    await forgetRateLimitSubject(manager, userId);
  }

  /**
   * Applies `change` inside the caller's transaction. A change of the profile or the preferences takes the
   * next revision and, once the profile is known, is published as the user's full state on the compacted
   * profile topic (preferences set before any profile go out with the first profile). A change that alters
   * nothing visible publishes nothing.
   */
  async changeWithin(manager: EntityManager, userId: string, change: SettingsChange): Promise<ChangeOutcome> {
    const current = await this.repository.lockOrCreate(manager, userId);
    const proposed = change(current);
    const changed = !sameVisibleState(current, proposed);
    const next: UserSettings = {
      ...proposed,
      userId,
      revision: changed ? current.revision + 1 : current.revision,
    };
    if (!changed && sameInstant(current.profileUpdatedAt, next.profileUpdatedAt)) {
      return { settings: current, changed: false };
    }
    await this.repository.save(manager, next);
    const published = changed ? toPublishedProfile(next) : undefined;
    if (published) {
      await this.outbox.publish(manager, {
        type: EventTypes.PreferenceProfileChanged,
        data: published,
        key: userId,
        subject: userId,
      });
    }
    return { settings: next, changed };
  }
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}
