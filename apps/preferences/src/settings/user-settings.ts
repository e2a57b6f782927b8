import {
  DEFAULT_PREFERENCES,
  type NotificationPreferences,
  type PreferenceProfileData,
} from '@notify/contracts';

/** Where and how to reach a user: what the dispatcher needs besides the preferences. */
export interface NotificationProfile {
  email: string;
  displayName: string;
  locale: string;
  timeZone: string;
}

/** Everything this service knows about one user; the unit that is locked, versioned and published. */
export interface UserSettings {
  userId: string;
  /** Unknown until the platform sends the user or the user sets it. */
  profile: NotificationProfile | null;
  /** When the profile was last changed at its source; older updates are stale. */
  profileUpdatedAt: Date | null;
  preferences: NotificationPreferences;
  /** Grows by one with every change of the profile or the preferences. */
  revision: number;
}

export function newUserSettings(userId: string): UserSettings {
  return {
    userId,
    profile: null,
    profileUpdatedAt: null,
    preferences: { ...DEFAULT_PREFERENCES },
    revision: 0,
  };
}

/** True when the two states would publish the same profile (revision and bookkeeping aside). */
export function sameVisibleState(a: UserSettings, b: UserSettings): boolean {
  return sameProfile(a.profile, b.profile) && samePreferences(a.preferences, b.preferences);
}

function sameProfile(a: NotificationProfile | null, b: NotificationProfile | null): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  return (
    a.email === b.email &&
    a.displayName === b.displayName &&
    a.locale === b.locale &&
    a.timeZone === b.timeZone
  );
}

function samePreferences(a: NotificationPreferences, b: NotificationPreferences): boolean {
  return (
    a.mentions === b.mentions &&
    a.comments === b.comments &&
    a.privateMessages === b.privateMessages &&
    a.communityActivity === b.communityActivity
  );
}

/** The record published on the compacted profile topic; `undefined` while the profile is unknown. */
export function toPublishedProfile(settings: UserSettings): PreferenceProfileData | undefined {
  if (!settings.profile) {
    return undefined;
  }
  return {
    userId: settings.userId,
    ...settings.profile,
    preferences: { ...settings.preferences },
    revision: settings.revision,
  };
}
