import type { ProfileEntity } from '../read-models/profile.entity';

/** Where and how an email reaches its recipient. */
export interface Recipient {
  email: string;
  name: string;
  locale: string;
  timeZone: string;
}

/**
 * Every email goes to the address of the recipient's own profile, moderators included: the contact address a
 * community lists for a moderator is shown to members as text and is never written to.
 */
export function recipientOf(profile: ProfileEntity | undefined): Recipient | undefined {
  return profile
    ? { email: profile.email, name: profile.displayName, locale: profile.locale, timeZone: profile.timeZone }
    : undefined;
}
