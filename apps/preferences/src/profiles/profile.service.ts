import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { CloudEvent, UserUpsertedData } from '@notify/contracts';
import type { EntityManager } from 'typeorm';
import type { NotificationProfile, UserSettings } from '../settings/user-settings';
import { UserSettingsService } from '../settings/user-settings.service';

export const PROFILE_LOOKUP_LIMIT = 20;

/** The notification profile of a user, fed by the platform's user events and by the user's own edits. */
@Injectable()
export class ProfileService {
  private readonly logger = new Logger(ProfileService.name);

  constructor(private readonly settings: UserSettingsService) {}

  async get(userId: string): Promise<NotificationProfile> {
    const profile = (await this.settings.find(userId))?.profile;
    if (!profile) {
      throw new NotFoundException(`User ${userId} has no notification profile yet`);
    }
    return profile;
  }

  /** Users whose profile has this address, for support; an address shared by more than a few is cut off. */
  usersWithEmail(email: string): Promise<string[]> {
    return this.settings.usersWithEmail(email, PROFILE_LOOKUP_LIMIT);
  }

  /** A user's own edit always applies and counts as the newest version of the profile. */
  async replace(
    userId: string,
    profile: NotificationProfile,
    now: Date = new Date(),
  ): Promise<NotificationProfile> {
    const normalized = normalize(profile);
    await this.settings.change(userId, (current) =>
      withProfile(current, normalized, latest(now, current.profileUpdatedAt)),
    );
    return normalized;
  }

  /** Applies a `platform.user.upserted` event unless a newer version of the profile is already stored. */
  async applyUpsert(event: CloudEvent<UserUpsertedData>, manager: EntityManager): Promise<void> {
    const { userId, ...profile } = event.data;
    const changedAt = new Date(event.time);
    await this.settings.changeWithin(manager, userId, (current) => {
      if (current.profileUpdatedAt && changedAt < current.profileUpdatedAt) {
        this.logger.log({
          msg: 'ignored an out-of-date user upsert',
          userId,
          eventId: event.id,
          eventTime: event.time,
        });
        return current;
      }
      return withProfile(current, normalize(profile), changedAt);
    });
  }
}

function withProfile(current: UserSettings, profile: NotificationProfile, changedAt: Date): UserSettings {
  return { ...current, profile, profileUpdatedAt: changedAt };
}

function latest(a: Date, b: Date | null): Date {
  return b && b > a ? b : a;
}

/** Stores locales in canonical case (`de-at` → `de-AT`) so templates are looked up by one spelling. */
function normalize(profile: NotificationProfile): NotificationProfile {
  const { email, displayName, locale, timeZone } = profile;
  return { email, displayName, locale: Intl.getCanonicalLocales(locale)[0] ?? locale, timeZone };
}
