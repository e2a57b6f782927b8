import { randomBytes } from 'node:crypto';
import { DEFAULT_PREFERENCES, EventTypes, type ModeratorContact } from '@notify/contracts';
import { waitFor } from '@notify/testing';
import type { Preferences, Profile } from '../clients/api-types';
import { expectStatus } from '../clients/http';
import type { PlatformClient } from '../clients/platform-client';
import type { ServiceApis } from '../clients/service-apis';
import { Mailbox } from '../mail/mailbox';
import type { DispatcherReadModels } from '../system/dispatcher-read-models';

const MANY_PROFILES_WAIT_MS = 60_000;

/** A user of the platform with a unique address, acting through their own token. */
export interface Person extends Profile {
  userId: string;
  api: ServiceApis;
  mailbox: Mailbox;
}

/** A moderator's public contact uses an address of its own, so emails can be told apart from what they quote. */
export interface Moderator extends Person {
  contact: ModeratorContact;
  contactMailbox: Mailbox;
}

export interface PersonOptions {
  /** First part of the user id, display name and address, to read failures easily. */
  label?: string;
  locale?: string;
  timeZone?: string;
  preferences?: Partial<Preferences>;
  /** The platform's user event (ingress) or the profile API (the notification preferences tab). */
  registeredVia?: 'platform-event' | 'profile-api';
}

export interface PeopleDependencies {
  platform: PlatformClient;
  serviceApi: ServiceApis;
  apiAs(userId: string): ServiceApis;
  mailbox(address: string): Mailbox;
  readModels: DispatcherReadModels;
}

/** Registers users the way the platform does and waits until every service that needs them knows them. */
export class People {
  constructor(private readonly deps: PeopleDependencies) {}

  async register(options: PersonOptions = {}): Promise<Person> {
    const person = this.newPerson(options);
    const { userId, email, displayName, locale, timeZone } = person;
    const profile: Profile = { email, displayName, locale, timeZone };
    if ((options.registeredVia ?? 'platform-event') === 'platform-event') {
      await this.deps.platform.userUpserted({ userId, ...profile });
      await waitFor(async () => (await this.deps.serviceApi.preferences.getProfile(userId)).status === 200, {
        timeoutMs: 20_000,
        description: `the preferences service to store the profile of ${userId} from platform.user.upserted`,
      });
    } else {
      expectStatus(await person.api.preferences.putProfile(userId, profile), 200, `PUT profile of ${userId}`);
    }
    if (options.preferences) {
      await this.setPreferences(person, options.preferences);
    } else {
      await this.deps.readModels.waitForProfile(userId, { email: profile.email, ...DEFAULT_PREFERENCES });
    }
    return person;
  }

  /**
   * Many users at once through the platform's user event, with the default preferences; waits once until the
   * dispatcher knows them all.
   */
  async registerMany(
    count: number,
    options: Pick<PersonOptions, 'label' | 'locale' | 'timeZone'> = {},
  ): Promise<Person[]> {
    const people = Array.from({ length: count }, () => this.newPerson(options));
    await this.deps.platform.publishBurst(
      people.map(({ userId, email, displayName, locale, timeZone }) => ({
        type: EventTypes.UserUpserted,
        key: userId,
        data: { userId, email, displayName, locale, timeZone },
      })),
    );
    await this.deps.readModels.waitForProfiles(
      people.map((person) => person.userId),
      DEFAULT_PREFERENCES,
      MANY_PROFILES_WAIT_MS,
    );
    return people;
  }

  async registerModerator(options: PersonOptions = {}): Promise<Moderator> {
    const person = await this.register({ label: 'mod', ...options });
    const contactEmail = `contact-${person.userId}@example.test`;
    return {
      ...person,
      contact: { userId: person.userId, displayName: person.displayName, contactEmail },
      contactMailbox: this.deps.mailbox(contactEmail),
    };
  }

  private newPerson(options: Pick<PersonOptions, 'label' | 'locale' | 'timeZone'>): Person {
    const label = options.label ?? 'user';
    const suffix = randomBytes(4).toString('hex');
    const userId = `${label}-${suffix}`;
    const email = `${label}-${suffix}@example.test`;
    return {
      userId,
      email,
      displayName: `${capitalise(label)} ${suffix}`,
      locale: options.locale ?? 'en',
      timeZone: options.timeZone ?? 'Europe/Brussels',
      api: this.deps.apiAs(userId),
      mailbox: this.deps.mailbox(email),
    };
  }

  /** Changes a user's preferences as they would in the preferences tab, and waits until the dispatcher applies them. */
  async setPreferences(person: Person, changes: Partial<Preferences>): Promise<Preferences> {
    const current = expectStatus(
      await person.api.preferences.getPreferences(person.userId),
      200,
      `GET preferences of ${person.userId}`,
    );
    const wanted: Preferences = {
      mentions: changes.mentions ?? current.mentions,
      comments: changes.comments ?? current.comments,
      privateMessages: changes.privateMessages ?? current.privateMessages,
      communityActivity: changes.communityActivity ?? current.communityActivity,
    };
    expectStatus(
      await person.api.preferences.putPreferences(person.userId, wanted),
      200,
      `PUT preferences of ${person.userId}`,
    );
    await this.deps.readModels.waitForProfile(person.userId, { email: person.email, ...wanted });
    return wanted;
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
