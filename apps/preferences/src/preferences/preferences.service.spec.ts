import { DEFAULT_PREFERENCES, type NotificationPreferences } from '@notify/contracts';
import { newUserSettings, type UserSettings } from '../settings/user-settings';
import type { SettingsChange, UserSettingsService } from '../settings/user-settings.service';
import { PreferencesService } from './preferences.service';

function setup(current: UserSettings | null) {
  const settings = {
    find: jest.fn().mockResolvedValue(current),
    change: jest.fn((_userId: string, change: SettingsChange) =>
      Promise.resolve({ settings: change(current ?? newUserSettings('u1')), changed: true }),
    ),
  };
  return { service: new PreferencesService(settings as unknown as UserSettingsService), settings };
}

describe('PreferencesService', () => {
  it('gives a user it has never heard of the defaults of the contract', async () => {
    const { service } = setup(null);

    await expect(service.get('unknown')).resolves.toEqual({
      mentions: 'immediately',
      comments: 'immediately',
      privateMessages: 'immediately',
      communityActivity: 'daily',
    });
  });

  it('returns a copy, so callers cannot alter the shared defaults', async () => {
    const { service } = setup(null);

    const preferences = await service.get('unknown');
    preferences.mentions = 'never';

    expect(DEFAULT_PREFERENCES.mentions).toBe('immediately');
  });

  it('replaces all four categories and keeps only them', async () => {
    const { service, settings } = setup(newUserSettings('u1'));
    const wanted = {
      mentions: 'never',
      comments: 'daily',
      privateMessages: 'weekly',
      communityActivity: 'weekly',
      extra: 'ignored',
    } as NotificationPreferences;

    const stored = await service.replace('u1', wanted);

    expect(stored).toEqual({
      mentions: 'never',
      comments: 'daily',
      privateMessages: 'weekly',
      communityActivity: 'weekly',
    });
    expect(settings.change).toHaveBeenCalledWith('u1', expect.any(Function));
  });
});
