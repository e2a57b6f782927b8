import { randomBytes } from 'node:crypto';
import {
  DeadLetterHeaders,
  deadLetterTopic,
  DEFAULT_PREFERENCES,
  EventTypes,
  Topics,
  type MentionCreatedData,
} from '@notify/contracts';
import { readTopic } from '@notify/testing';
import {
  expectNoOtherMail,
  expectOneClickUnsubscribe,
  expectSupportAddress,
  httpRequest,
  unsubscribeUrlOf,
  useSystem,
  type Person,
  type Preferences,
} from '../src';

// Product items 3 (preferences and one-click unsubscribe), 5 (languages), 9 (delivery log) and both envelope modes.

const suite = useSystem('preferences');

/** The mention subject per language, as a translator wrote it; regional tags resolve to their language. */
const MENTION_SUBJECTS: Readonly<Record<string, string>> = {
  bg: '{actor} Ви спомена в „{title}“',
  cs: '{actor} Vás zmínil(a) v „{title}“',
  da: '{actor} har nævnt dig i »{title}«',
  de: '{actor} hat Sie in „{title}“ erwähnt',
  el: '{actor} σας ανέφερε στο «{title}»',
  en: '{actor} mentioned you in "{title}"',
  es: '{actor} le ha mencionado en «{title}»',
  et: '{actor} mainis Teid postituses „{title}”',
  fi: '{actor} mainitsi sinut kohteessa ”{title}”',
  fr: '{actor} vous a mentionné dans « {title} »',
  ga: 'Luaigh {actor} thú in "{title}"',
  hr: '{actor} Vas je spomenuo/spomenula u „{title}”',
  hu: '{actor} megemlítette Önt itt: „{title}”',
  it: "{actor} L'ha menzionata in «{title}»",
  lt: '{actor} paminėjo Jus įraše „{title}“',
  lv: '{actor} pieminēja Jūs ierakstā “{title}”',
  mt: '{actor} semmiek f\'"{title}"',
  nl: '{actor} heeft u vermeld in ‘{title}’',
  pl: '{actor} wspomniał(a) o Panu/Pani w „{title}”',
  pt: '{actor} mencionou o seu nome em «{title}»',
  ro: '{actor} v-a menționat în „{title}”',
  sk: '{actor} Vás spomenul(a) v „{title}“',
  sl: '{actor} Vas je omenil/omenila v »{title}«',
  sv: '{actor} nämnde dig i ”{title}”',
};
const REGIONAL_TAGS: Readonly<Record<string, string>> = {
  de: 'de-AT',
  el: 'el-GR',
  en: 'en-IE',
  ga: 'ga-IE',
  mt: 'mt-MT',
  pt: 'pt-BR',
  sv: 'sv-FI',
};

function mentionOf(recipient: Person, actor: Person, title: string): MentionCreatedData {
  return {
    mentionId: `mention-${randomBytes(4).toString('hex')}`,
    recipientUserId: recipient.userId,
    actor: { userId: actor.userId, displayName: actor.displayName },
    content: {
      id: `content-${randomBytes(4).toString('hex')}`,
      title,
      url: 'https://portal.example.test/content/1',
    },
    excerpt: `@${recipient.displayName} what do you think?`,
  };
}

describe('languages', () => {
  it(
    'writes to each user in their language, English for a language outside the EU',
    suite.scenario(async (world) => {
      const actor = await world.people.register({ label: 'actor' });
      const [french, german, norwegian] = await Promise.all([
        world.people.register({ label: 'amelie', locale: 'fr' }),
        world.people.register({ label: 'jonas', locale: 'de-AT', registeredVia: 'profile-api' }),
        world.people.register({ label: 'ola', locale: 'nb-NO' }),
      ]);

      // Platform services in other languages frame events themselves: structured mode as well as binary.
      await world.platform.mention(mentionOf(french, actor, 'Clauses sociales'), 'structured');
      await world.platform.mention(mentionOf(german, actor, 'Vergaberecht'), 'binary');
      await world.platform.mention(mentionOf(norwegian, actor, 'Offentlige anskaffelser'), 'structured');
      await world.platform.privateMessage({
        messageId: `message-${randomBytes(4).toString('hex')}`,
        recipientUserId: french.userId,
        sender: { userId: actor.userId, displayName: actor.displayName },
        url: 'https://portal.example.test/messages/1',
      });

      const frenchMail = await french.mailbox.take(2);
      expect(frenchMail.map((email) => email.subject).sort()).toEqual(
        [
          `${actor.displayName} vous a mentionné dans « Clauses sociales »`,
          `${actor.displayName} vous a envoyé un message privé`,
        ].sort(),
      );
      const germanMail = await german.mailbox.takeOne();
      expect(germanMail.subject).toBe(`${actor.displayName} hat Sie in „Vergaberecht“ erwähnt`);
      const norwegianMail = await norwegian.mailbox.takeOne();
      expect(norwegianMail.subject).toBe(`${actor.displayName} mentioned you in "Offentlige anskaffelser"`);
      for (const email of [...frenchMail, germanMail, norwegianMail]) {
        expectOneClickUnsubscribe(email);
        expectSupportAddress(email, world.system.settings.supportEmail);
      }
      await expectNoOtherMail([french.mailbox, german.mailbox, norwegian.mailbox, actor.mailbox]);
    }),
  );

  it(
    'writes a mention to a member of each of the 24 EU languages in that language, and logs the language',
    suite.scenario(async (world) => {
      const actor = await world.people.register({ label: 'actor' });
      const tags = Object.keys(MENTION_SUBJECTS).map((language) => REGIONAL_TAGS[language] ?? language);
      const readers = await Promise.all(
        tags.map((locale) => world.people.register({ label: `reader-${locale}`, locale })),
      );
      const title = 'Vergabe 2026 – «Ζ» & „Щ“';

      await Promise.all(readers.map((reader) => world.platform.mention(mentionOf(reader, actor, title))));

      const subjects = await Promise.all(
        readers.map(async (reader) => (await reader.mailbox.takeOne()).subject),
      );
      expect(subjects).toEqual(
        Object.values(MENTION_SUBJECTS).map((subject) =>
          subject.replace('{actor}', actor.displayName).replace('{title}', title),
        ),
      );
      const languages = await Promise.all(
        readers.map(async (reader) => {
          const log = await world.waitForDeliveries(
            reader,
            (entries) => entries.some((entry) => entry.status === 'sent'),
            `the sent mention of ${reader.locale}`,
          );
          return log.find((entry) => entry.status === 'sent')?.language;
        }),
      );
      expect(languages).toEqual(Object.keys(MENTION_SUBJECTS));
      await expectNoOtherMail([...readers.map((reader) => reader.mailbox), actor.mailbox]);
    }),
  );
});

describe('preferences', () => {
  it(
    'sends no mention to a user who chose never and tells support why',
    suite.scenario(async (world) => {
      const actor = await world.people.register({ label: 'actor' });
      const quiet = await world.people.register({ label: 'quiet', preferences: { mentions: 'never' } });

      const mention = await world.platform.mention(mentionOf(quiet, actor, 'Open tenders'));
      const message = await world.platform.privateMessage({
        messageId: `message-${randomBytes(4).toString('hex')}`,
        recipientUserId: quiet.userId,
        sender: { userId: actor.userId, displayName: actor.displayName },
        url: 'https://portal.example.test/messages/2',
      });
      expect((await quiet.mailbox.takeOne()).subject).toBe(`${actor.displayName} sent you a private message`);

      const deliveries = await world.waitForDeliveries(
        quiet,
        (entries) =>
          entries.some((entry) => entry.eventId === mention.id) &&
          entries.some((entry) => entry.status === 'sent'),
        'the skipped mention and the sent message in the delivery log',
      );
      expect(deliveries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            status: 'skipped',
            reason: 'preference-never',
            eventId: mention.id,
            eventType: 'platform.mention.created',
          }),
          expect.objectContaining({
            status: 'sent',
            eventId: message.id,
            eventType: 'platform.message.created',
          }),
        ]),
      );
      await expectNoOtherMail([quiet.mailbox, actor.mailbox]);
    }),
  );

  it(
    'unsubscribes from a category in one click from the email and skips it from then on',
    suite.scenario(async (world) => {
      const actor = await world.people.register({ label: 'actor' });
      const member = await world.people.register({ label: 'member', registeredVia: 'profile-api' });

      const first = await world.platform.mention(mentionOf(member, actor, 'Green criteria'));
      const email = await member.mailbox.takeOne();
      expect(email.subject).toBe(`${actor.displayName} mentioned you in "Green criteria"`);
      expectOneClickUnsubscribe(email);
      const url = unsubscribeUrlOf(email);

      const tampered = new URL(url);
      tampered.searchParams.set('token', `${tampered.searchParams.get('token')}x`);
      const refused = await httpRequest(tampered.origin, {
        method: 'POST',
        path: `${tampered.pathname}${tampered.search}`,
        form: { 'List-Unsubscribe': 'One-Click' },
      });
      expect(refused.status).toBe(400);

      // What a mailbox provider does on RFC 8058 one-click: a bare POST, no cookie, no token of ours.
      const target = new URL(url);
      const unsubscribed = await httpRequest(target.origin, {
        method: 'POST',
        path: `${target.pathname}${target.search}`,
        form: { 'List-Unsubscribe': 'One-Click' },
      });
      expect(unsubscribed.status).toBe(200);
      await expect(member.api.preferences.getPreferences(member.userId)).resolves.toMatchObject({
        status: 200,
        body: {
          mentions: 'never',
          comments: 'immediately',
          privateMessages: 'immediately',
          communityActivity: 'daily',
        },
      });
      await world.readModels.waitForProfile(member.userId, { mentions: 'never' });

      const second = await world.platform.mention(mentionOf(member, actor, 'Social clauses'));
      const deliveries = await world.waitForDeliveries(
        member,
        (entries) => entries.some((entry) => entry.eventId === second.id),
        'the second mention in the delivery log',
      );
      expect(deliveries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            status: 'sent',
            eventId: first.id,
            eventType: 'platform.mention.created',
          }),
          expect.objectContaining({
            status: 'skipped',
            reason: 'preference-never',
            eventId: second.id,
            eventType: 'platform.mention.created',
          }),
        ]),
      );
      await expectNoOtherMail([member.mailbox, actor.mailbox]);
    }),
  );
});

describe('dead letters', () => {
  it(
    'sets aside ingress events it cannot process, saying why, and keeps delivering the ones behind them',
    suite.scenario(async (world) => {
      const [actor, recipient] = await Promise.all([
        world.people.register({ label: 'actor' }),
        world.people.register({ label: 'recipient' }),
      ]);
      const { content: _missing, ...withoutContent } = mentionOf(recipient, actor, 'Broken');
      const invalid = await world.platform.publish(
        EventTypes.MentionCreated,
        recipient.userId,
        withoutContent,
      );
      const unknown = await world.platform.publish('platform.poll.created', recipient.userId, {
        pollId: 'p-1',
      });
      await world.platform.mention(mentionOf(recipient, actor, 'Behind the broken ones'));

      expect((await recipient.mailbox.takeOne()).subject).toBe(
        `${actor.displayName} mentioned you in "Behind the broken ones"`,
      );
      const { kafkaBrokers } = world.system.settings.infra;
      const source = `${world.system.settings.topicPrefix}${Topics.PlatformActivity}`;
      // The dispatcher sets aside the invalid payload; all four services read the ingress topic (communities and
      // moderation for erasures), so each sets the unknown type aside under its own group.
      const deadLetters = await readTopic(kafkaBrokers, deadLetterTopic(source), {
        count: 5,
        timeoutMs: 15_000,
      });
      const byEvent = (id: string): Record<string, string>[] =>
        deadLetters.filter((record) => record.headers.ce_id === id).map((record) => record.headers);
      expect(byEvent(invalid.id)).toEqual([
        expect.objectContaining({
          [DeadLetterHeaders.Reason]: 'invalid-payload',
          [DeadLetterHeaders.OriginalTopic]: source,
          [DeadLetterHeaders.ConsumerGroup]: expect.stringMatching(/dispatcher$/),
          [DeadLetterHeaders.Error]: expect.stringContaining('content'),
        }),
      ]);
      expect(
        byEvent(unknown.id)
          .map((headers) => headers[DeadLetterHeaders.ConsumerGroup])
          .sort(),
      ).toEqual([
        expect.stringMatching(/communities$/),
        expect.stringMatching(/dispatcher$/),
        expect.stringMatching(/moderation$/),
        expect.stringMatching(/preferences$/),
      ]);
      expect(byEvent(unknown.id).map((headers) => headers[DeadLetterHeaders.Reason])).toEqual([
        'unknown-type',
        'unknown-type',
        'unknown-type',
        'unknown-type',
      ]);
      await expectNoOtherMail([recipient.mailbox, actor.mailbox]);
    }),
  );
});

describe('access control', () => {
  it(
    'answers 401 without a token and 403 to a user acting for someone else',
    suite.scenario(async (world) => {
      const [owner, other] = await Promise.all([
        world.people.register({ label: 'owner' }),
        world.people.register({ label: 'other' }),
      ]);
      const { urls } = world.system;
      await expect(
        httpRequest(urls.dispatcher, { method: 'GET', path: `/users/${owner.userId}/deliveries` }),
      ).resolves.toMatchObject({ status: 401 });
      await expect(
        httpRequest(urls.preferences, { method: 'GET', path: `/users/${owner.userId}/preferences` }),
      ).resolves.toMatchObject({ status: 401 });
      await expect(other.api.preferences.getPreferences(owner.userId)).resolves.toMatchObject({
        status: 403,
      });
      await expect(
        other.api.preferences.putPreferences(owner.userId, {
          mentions: 'never',
          comments: 'never',
          privateMessages: 'never',
          communityActivity: 'weekly',
        }),
      ).resolves.toMatchObject({ status: 403 });
      // Deliberately outside the type: community activity cannot be switched off.
      const switchedOff = { ...DEFAULT_PREFERENCES, communityActivity: 'never' } as unknown as Preferences;
      await expect(owner.api.preferences.putPreferences(owner.userId, switchedOff)).resolves.toMatchObject({
        status: 400,
      });
    }),
  );
});
