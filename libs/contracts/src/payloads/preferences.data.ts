import { IsIn, IsInt, Min } from 'class-validator';
import { IsBcp47Locale } from '../validation/locale.validator';
import { IsEmailAddress, IsId, IsText, Nested } from '../validation/field.decorators';
import { IsIanaTimeZone } from '../validation/time-zone.validator';
import { Limits } from '../validation/limits';
import {
  COMMUNITY_ACTIVITY_FREQUENCIES,
  CommunityActivityFrequency,
  FREQUENCIES,
  Frequency,
  NotificationPreferences,
} from '../notification-preferences';

export class NotificationPreferencesData implements NotificationPreferences {
  @IsIn(FREQUENCIES)
  mentions!: Frequency;

  @IsIn(FREQUENCIES)
  comments!: Frequency;

  @IsIn(FREQUENCIES)
  privateMessages!: Frequency;

  @IsIn(COMMUNITY_ACTIVITY_FREQUENCIES)
  communityActivity!: CommunityActivityFrequency;
}

/** Full current profile of one user on the compacted `preferences.profiles.v1` topic, keyed by user id. */
export class PreferenceProfileData {
  @IsId()
  userId!: string;

  @IsEmailAddress()
  email!: string;

  @IsText(Limits.displayName)
  displayName!: string;

  @IsBcp47Locale()
  locale!: string;

  @IsIanaTimeZone()
  timeZone!: string;

  @Nested(() => NotificationPreferencesData)
  preferences!: NotificationPreferencesData;

  /** Increases with every change of the profile; consumers ignore a revision older than the one they hold. */
  @IsInt()
  @Min(0)
  revision!: number;
}
