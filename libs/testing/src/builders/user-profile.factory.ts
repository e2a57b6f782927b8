import { DEFAULT_PREFERENCES, type PreferenceProfileData } from '@notify/contracts';
import { uniqueEmail, uniqueId } from './unique-id';

/** A profile with default preferences and an address unique to the test. */
export const userProfileFactory = {
  build(overrides: Partial<PreferenceProfileData> = {}): PreferenceProfileData {
    const userId = overrides.userId ?? uniqueId('user');
    return {
      userId,
      email: uniqueEmail(userId),
      displayName: 'Jean Buyer',
      locale: 'en',
      timeZone: 'Europe/Brussels',
      preferences: { ...DEFAULT_PREFERENCES },
      revision: 1,
      ...overrides,
    };
  },
};
