import { DEFAULT_LOCALE } from '../templates/locales';
import type { CommunityEntity } from '../read-models/community.entity';
import type { ProfileEntity } from '../read-models/profile.entity';
import type { RecipientRole } from '../policy/recipient-rules';

/** Where and how an email reaches its recipient. */
export interface Recipient {
  email: string;
  name: string;
  locale: string;
  timeZone: string;
}

/**
 * The recipient's profile; for a moderator without one, the contact the community lists for them, so alerts that
 * need action still arrive (in the default language).
 */
export function recipientOf(
  userId: string,
  role: RecipientRole,
  profile: ProfileEntity | undefined,
  community: CommunityEntity | undefined,
): Recipient | undefined {
  if (profile) {
    return {
      email: profile.email,
      name: profile.displayName,
      locale: profile.locale,
      timeZone: profile.timeZone,
    };
  }
  if (role !== 'moderator') {
    return undefined;
  }
  const moderator = community?.moderators.find((candidate) => candidate.userId === userId);
  return moderator
    ? { email: moderator.contactEmail, name: moderator.displayName, locale: DEFAULT_LOCALE, timeZone: 'UTC' }
    : undefined;
}
