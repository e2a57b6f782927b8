import { BadRequestException, GoneException } from '@nestjs/common';
import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import { newUserSettings, type UserSettings } from '../settings/user-settings';
import type { SettingsChange, UserSettingsService } from '../settings/user-settings.service';
import { UnsubscribeService } from './unsubscribe.service';

const tokens = new UnsubscribeTokens(new LinkSigner([{ id: 'k1', secret: 'k'.repeat(32) }]));
const inAnHour = new Date(Date.now() + 3_600_000);

function setup(current: UserSettings) {
  const proposals: UserSettings[] = [];
  const settings = {
    find: jest.fn().mockResolvedValue(current),
    change: jest.fn((_userId: string, change: SettingsChange) => {
      const proposed = change(current);
      proposals.push(proposed);
      return Promise.resolve({
        settings: proposed,
        changed: proposed.preferences.comments !== current.preferences.comments,
      });
    }),
  };
  return {
    service: new UnsubscribeService(tokens, settings as unknown as UserSettingsService),
    settings,
    proposals,
  };
}

describe('UnsubscribeService', () => {
  const token = tokens.sign({ userId: 'u1', category: 'comments' }, inAnHour);

  it('sets the category of the token to never and reports it', async () => {
    const { service, settings, proposals } = setup(newUserSettings('u1'));

    await expect(service.unsubscribe(token)).resolves.toEqual({
      category: 'comments',
      status: 'unsubscribed',
    });

    expect(settings.change).toHaveBeenCalledWith('u1', expect.any(Function));
    expect(proposals[0].preferences).toEqual({
      mentions: 'immediately',
      comments: 'never',
      privateMessages: 'immediately',
      communityActivity: 'daily',
    });
  });

  it('answers already-unsubscribed when nothing changed', async () => {
    const current = newUserSettings('u1');
    current.preferences.comments = 'never';
    const { service } = setup(current);

    await expect(service.unsubscribe(token)).resolves.toEqual({
      category: 'comments',
      status: 'already-unsubscribed',
    });
  });

  it('refuses community activity, which cannot be switched off, without touching anything', async () => {
    const { service, settings } = setup(newUserSettings('u1'));
    const communityToken = tokens.sign({ userId: 'u1', category: 'communityActivity' }, inAnHour);

    await expect(service.unsubscribe(communityToken)).rejects.toThrow(/leave the community/);

    expect(settings.change).not.toHaveBeenCalled();
  });

  it('answers 410 for an expired link and changes nothing', async () => {
    const { service, settings } = setup(newUserSettings('u1'));
    const expired = tokens.sign({ userId: 'u1', category: 'comments' }, new Date(Date.now() - 1000));

    await expect(service.unsubscribe(expired)).rejects.toBeInstanceOf(GoneException);

    expect(settings.change).not.toHaveBeenCalled();
  });

  it('answers 400 for a tampered link and changes nothing', async () => {
    const { service, settings } = setup(newUserSettings('u1'));
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;

    await expect(service.unsubscribe(tampered)).rejects.toBeInstanceOf(BadRequestException);

    expect(settings.change).not.toHaveBeenCalled();
  });

  it('previews without changing anything', async () => {
    const { service, settings } = setup(newUserSettings('u1'));

    await expect(service.preview(token)).resolves.toEqual({
      category: 'comments',
      alreadyUnsubscribed: false,
    });

    expect(settings.change).not.toHaveBeenCalled();
  });
});
