import { EventTypes } from '@notify/contracts';
import type { OutboxWriter } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { newUserSettings, type UserSettings } from './user-settings';
import type { UserSettingsRepository } from './user-settings.repository';
import { UserSettingsService } from './user-settings.service';

const manager = {} as EntityManager;
const profile = { email: 'ana@example.eu', displayName: 'Ana', locale: 'sl', timeZone: 'Europe/Ljubljana' };

function setup(current: UserSettings) {
  const repository = {
    lockOrCreate: jest.fn().mockResolvedValue(current),
    save: jest.fn().mockResolvedValue(undefined),
    findById: jest.fn(),
    transaction: jest.fn((work: (m: EntityManager) => Promise<unknown>) => work(manager)),
  };
  const outbox = { publish: jest.fn().mockResolvedValue(undefined) };
  const service = new UserSettingsService(
    repository as unknown as UserSettingsRepository,
    outbox as unknown as OutboxWriter,
  );
  return { service, repository, outbox };
}

describe('UserSettingsService', () => {
  it('publishes the full state with the next revision when a known user changes a preference', async () => {
    const current: UserSettings = {
      ...newUserSettings('u1'),
      profile,
      profileUpdatedAt: new Date(1000),
      revision: 4,
    };
    const { service, repository, outbox } = setup(current);

    const outcome = await service.changeWithin(manager, 'u1', (s) => ({
      ...s,
      preferences: { ...s.preferences, comments: 'weekly' },
    }));

    expect(outcome.changed).toBe(true);
    expect(outcome.settings.revision).toBe(5);
    expect(repository.save).toHaveBeenCalledWith(manager, expect.objectContaining({ revision: 5 }));
    expect(outbox.publish).toHaveBeenCalledWith(manager, {
      type: EventTypes.PreferenceProfileChanged,
      key: 'u1',
      subject: 'u1',
      data: {
        userId: 'u1',
        ...profile,
        preferences: {
          mentions: 'immediately',
          comments: 'weekly',
          privateMessages: 'immediately',
          communityActivity: 'daily',
        },
        revision: 5,
      },
    });
  });

  it('stores preferences of a user without a profile but publishes nothing yet', async () => {
    const { service, repository, outbox } = setup(newUserSettings('u2'));

    const outcome = await service.changeWithin(manager, 'u2', (s) => ({
      ...s,
      preferences: { ...s.preferences, mentions: 'never' },
    }));

    expect(outcome).toMatchObject({
      changed: true,
      settings: { revision: 1, preferences: { mentions: 'never' } },
    });
    expect(repository.save).toHaveBeenCalledTimes(1);
    expect(outbox.publish).not.toHaveBeenCalled();
  });

  it('publishes the preferences kept so far together with the first profile', async () => {
    const current: UserSettings = {
      ...newUserSettings('u3'),
      preferences: {
        mentions: 'never',
        comments: 'daily',
        privateMessages: 'weekly',
        communityActivity: 'weekly',
      },
      revision: 1,
    };
    const { service, outbox } = setup(current);

    await service.changeWithin(manager, 'u3', (s) => ({ ...s, profile, profileUpdatedAt: new Date(2000) }));

    expect(outbox.publish).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({
        data: expect.objectContaining({
          email: profile.email,
          preferences: current.preferences,
          revision: 2,
        }),
      }),
    );
  });

  it('writes and publishes nothing when the change leaves everything as it was', async () => {
    const current: UserSettings = {
      ...newUserSettings('u4'),
      profile,
      profileUpdatedAt: new Date(1000),
      revision: 2,
    };
    const { service, repository, outbox } = setup(current);

    const outcome = await service.changeWithin(manager, 'u4', (s) => ({
      ...s,
      profile: { ...profile },
      preferences: { ...s.preferences },
    }));

    expect(outcome).toEqual({ settings: current, changed: false });
    expect(repository.save).not.toHaveBeenCalled();
    expect(outbox.publish).not.toHaveBeenCalled();
  });

  it('records a newer source time of an unchanged profile without a new revision or event', async () => {
    const current: UserSettings = {
      ...newUserSettings('u5'),
      profile,
      profileUpdatedAt: new Date(1000),
      revision: 3,
    };
    const { service, repository, outbox } = setup(current);

    const outcome = await service.changeWithin(manager, 'u5', (s) => ({
      ...s,
      profileUpdatedAt: new Date(5000),
    }));

    expect(outcome.changed).toBe(false);
    expect(repository.save).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ revision: 3, profileUpdatedAt: new Date(5000) }),
    );
    expect(outbox.publish).not.toHaveBeenCalled();
  });

  it('does not let a change rewrite the user id or the revision', async () => {
    const { service, repository } = setup(newUserSettings('u6'));

    await service.changeWithin(manager, 'u6', (s) => ({
      ...s,
      userId: 'someone-else',
      revision: 99,
      preferences: { ...s.preferences, comments: 'daily' },
    }));

    expect(repository.save).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ userId: 'u6', revision: 1 }),
    );
  });

  it('runs a standalone change in a transaction of its own', async () => {
    const { service, repository } = setup(newUserSettings('u7'));

    await service.change('u7', (s) => ({ ...s, preferences: { ...s.preferences, comments: 'daily' } }));

    expect(repository.transaction).toHaveBeenCalledTimes(1);
    expect(repository.lockOrCreate).toHaveBeenCalledWith(manager, 'u7');
  });
});
