import { Injectable } from '@nestjs/common';
import { DEFAULT_PREFERENCES, type NotificationPreferences } from '@notify/contracts';
import { UserSettingsService } from '../settings/user-settings.service';

/** A user's global notification preferences: one frequency per category. */
@Injectable()
export class PreferencesService {
  constructor(private readonly settings: UserSettingsService) {}

  /** A user this service has not heard of yet has the defaults. */
  async get(userId: string): Promise<NotificationPreferences> {
    const settings = await this.settings.find(userId);
    return { ...(settings?.preferences ?? DEFAULT_PREFERENCES) };
  }

  /** Replaces all four frequencies at once; the allowed values were checked at the boundary. */
  async replace(userId: string, preferences: NotificationPreferences): Promise<NotificationPreferences> {
    const wanted: NotificationPreferences = {
      mentions: preferences.mentions,
      comments: preferences.comments,
      privateMessages: preferences.privateMessages,
      communityActivity: preferences.communityActivity,
    };
    const { settings } = await this.settings.change(userId, (current) => ({
      ...current,
      preferences: wanted,
    }));
    return { ...settings.preferences };
  }
}
