import { NotFoundException } from '@nestjs/common';
import { EventTypes, type CloudEvent, type UserUpsertedData } from '@notify/contracts';
import type { EntityManager } from 'typeorm';
import { newUserSettings, type UserSettings } from '../settings/user-settings';
import type { SettingsChange, UserSettingsService } from '../settings/user-settings.service';
import { ProfileService } from './profile.service';

const manager = {} as EntityManager;
const stored = { email: 'old@example.eu', displayName: 'Old', locale: 'en', timeZone: 'UTC' };

function setup(current: UserSettings) {
  const applied: UserSettings[] = [];
  const apply = (change: SettingsChange) => {
    applied.push(change(current));
    return Promise.resolve({ settings: applied[applied.length - 1], changed: true });
  };
  const settings = {
    find: jest.fn().mockResolvedValue(current),
    change: jest.fn((_userId: string, change: SettingsChange) => apply(change)),
    changeWithin: jest.fn((_m: EntityManager, _userId: string, change: SettingsChange) => apply(change)),
  };
  return { service: new ProfileService(settings as unknown as UserSettingsService), settings, applied };
}

function upsert(time: string, data: Partial<UserUpsertedData> = {}): CloudEvent<UserUpsertedData> {
  return {
    specversion: '1.0',
    id: 'evt-1',
    source: 'urn:platform:users',
    type: EventTypes.UserUpserted,
    time,
    data: {
      userId: 'u1',
      email: 'new@example.eu',
      displayName: 'New',
      locale: 'de-at',
      timeZone: 'Europe/Vienna',
      ...data,
    },
  };
}

describe('ProfileService', () => {
  const known: UserSettings = {
    ...newUserSettings('u1'),
    profile: stored,
    profileUpdatedAt: new Date('2025-03-01T10:00:00Z'),
  };

  it('applies a newer platform upsert in the consumer transaction, with the locale in canonical case', async () => {
    const { service, settings, applied } = setup(known);

    await service.applyUpsert(upsert('2025-03-01T11:00:00Z'), manager);

    expect(settings.changeWithin).toHaveBeenCalledWith(manager, 'u1', expect.any(Function));
    expect(applied[0]).toMatchObject({
      profile: { email: 'new@example.eu', displayName: 'New', locale: 'de-AT', timeZone: 'Europe/Vienna' },
      profileUpdatedAt: new Date('2025-03-01T11:00:00Z'),
    });
  });

  it('ignores an upsert older than the stored profile (out-of-order delivery)', async () => {
    const { service, applied } = setup(known);

    await service.applyUpsert(upsert('2025-03-01T09:00:00Z'), manager);

    expect(applied[0]).toBe(known);
  });

  it('takes the first upsert of an unknown user', async () => {
    const { service, applied } = setup(newUserSettings('u1'));

    await service.applyUpsert(upsert('2020-01-01T00:00:00Z'), manager);

    expect(applied[0].profile?.email).toBe('new@example.eu');
  });

  it('always applies a user edit, never moving the source time backwards', async () => {
    const future: UserSettings = { ...known, profileUpdatedAt: new Date('2999-01-01T00:00:00Z') };
    const { service, applied } = setup(future);
    const edit = { email: 'me@example.eu', displayName: 'Me', locale: 'fr', timeZone: 'Europe/Paris' };

    await expect(service.replace('u1', edit, new Date('2025-06-01T00:00:00Z'))).resolves.toEqual(edit);

    expect(applied[0]).toMatchObject({ profile: edit, profileUpdatedAt: future.profileUpdatedAt });
  });

  it('answers 404 for a user without a profile', async () => {
    const { service } = setup(newUserSettings('u9'));

    await expect(service.get('u9')).rejects.toBeInstanceOf(NotFoundException);
  });
});
