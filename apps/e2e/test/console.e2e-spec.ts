import { randomBytes } from 'node:crypto';
import {
  createCloudEvent,
  DeadLetterHeaders,
  deadLetterTopic,
  encodeBinary,
  EventTypes,
  Topics,
  type MentionCreatedData,
} from '@notify/contracts';
import { produceMessages, signTestJwt, TestTokens, waitFor } from '@notify/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  findChromium,
  httpRequest,
  launchChromium,
  newConsoleContext,
  screenshot,
  seriousAccessibilityViolations,
  signInForDevelopment,
  useSystem,
  type E2eWorld,
  type Person,
} from '../src';

// Issue #14: the support and operations console, driven in Chromium against the whole running system.

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn(
    'console browser tests skipped: no Chromium at /usr/bin/chromium (install it with `apt-get install -y chromium`)',
  );
}
const describeWithBrowser = chromiumPath ? describe : describe.skip;

describeWithBrowser('support and operations console (issue #14)', () => {
  const suite = useSystem('console', { console: true });
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath!);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openConsole(world: E2eWorld): Promise<Page> {
    const context = await newConsoleContext(browser, consoleUrl(world));
    contexts.push(context);
    return context.newPage();
  }

  /** Every page the scenarios show must pass axe-core without serious or critical violations. */
  async function expectAccessible(page: Page): Promise<void> {
    await expect(seriousAccessibilityViolations(browser, page)).resolves.toEqual([]);
    expect(await page.locator('h1').count()).toBe(1);
  }

  it(
    'shows support why a user got no mention email (they chose never), and why another gets no activity (they left)',
    suite.scenario(async (world) => {
      const actor = await world.people.register({ label: 'actor' });
      const quiet = await world.people.register({ label: 'quiet', preferences: { mentions: 'never' } });
      const mention = await world.platform.mention(mentionOf(quiet, actor, 'Open tenders'));
      await world.waitForDeliveries(
        quiet,
        (entries) => entries.some((entry) => entry.eventId === mention.id),
        'the skipped mention in the delivery log',
      );

      const page = await openConsole(world);
      await page.goto(`/users/${quiet.userId}`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await expectAccessible(page);
      await screenshot(page, '01-sign-in');
      await signInForDevelopment(page, 'support-sam', 'support');

      expect(await page.locator('h1').innerText()).toBe(`User ${quiet.userId}`);
      const mentions = page.getByRole('row', { name: /Mentions/ }).first();
      expect(await mentions.innerText()).toContain('never');
      const skipped = page.getByRole('row').filter({ hasText: mention.id });
      expect(await skipped.innerText()).toContain('skipped (preference-never)');
      expect(await skipped.innerText()).toContain('platform.mention.created');
      expect(await page.getByText(`${quiet.email} is not suppressed.`).isVisible()).toBe(true);
      await expectAccessible(page);
      await screenshot(page, '02-user-mention-skipped-preference-never');

      // Another user got no activity email from a community: the page shows they left it, and when.
      const moderator = await world.people.registerModerator();
      const leaver = await world.people.register({ label: 'leaver' });
      const community = await world.createCommunity({
        label: 'School meals',
        visibility: 'open',
        moderated: false,
        moderators: [moderator],
      });
      expect((await leaver.api.communities.join(community.id, leaver.userId)).status).toBe(201);
      await world.readModels.waitForMembership(community.id, leaver.userId, 'joined');
      expect((await leaver.api.communities.removeMember(community.id, leaver.userId)).status).toBe(204);
      await world.readModels.waitForMembership(community.id, leaver.userId, 'left');
      await page.goto(`/users/${leaver.userId}`);
      const membership = page
        .getByTestId('memberships')
        .getByRole('row', { name: new RegExp(community.name) });
      expect(await membership.innerText()).toContain('left');
      await expectAccessible(page);
      await screenshot(page, '02b-user-left-community');

      await page.goto('/users');
      await page.getByLabel('User id or email address').fill(quiet.email.toUpperCase());
      await page.getByRole('button', { name: 'Find' }).click();
      expect(await page.locator('h1').innerText()).toBe(`User ${quiet.userId}`);

      await page.goto('/users');
      await page.getByLabel('User id or email address').fill(`nobody-${quiet.email}`);
      await page.getByRole('button', { name: 'Find' }).click();
      expect(await page.getByText("No user's profile has this address.").isVisible()).toBe(true);
      expect(await page.getByText('This address is not on the suppression list.').isVisible()).toBe(true);
      await expectAccessible(page);
    }),
  );

  it(
    'lets an operator replay a dead letter, which is then delivered, and audits it',
    suite.scenario(async (world) => {
      const [actor, recipient] = await Promise.all([
        world.people.register({ label: 'actor' }),
        world.people.register({ label: 'recipient' }),
      ]);
      const eventId = await deadLetterAMention(world, mentionOf(recipient, actor, 'Replayed tender'));

      const page = await openConsole(world);
      await page.goto('/dead-letters');
      await signInForDevelopment(page, 'operator-olga', 'operator');
      expect(await page.locator('h1').innerText()).toBe('Dead letters');
      await expectAccessible(page);
      await page.getByRole('link', { name: Topics.PlatformActivity, exact: true }).click();
      expect(await page.locator('h1').innerText()).toBe(`Dead letters of ${Topics.PlatformActivity}`);
      const row = page.getByRole('row').filter({ hasText: eventId });
      expect(await row.innerText()).toContain('handler-failed');
      await expectAccessible(page);
      await screenshot(page, '03-dead-letters-operator');

      await page.getByRole('checkbox', { name: `Replay event ${eventId}` }).check();
      await page.getByLabel('Why replay them now?').fill('SES outage over, see incident 42');
      await page.getByRole('button', { name: 'Replay selected' }).click();
      expect(await page.getByRole('status').innerText()).toBe(
        `1 dead letter(s) replayed onto ${Topics.PlatformActivity}.`,
      );

      expect((await recipient.mailbox.takeOne()).subject).toBe(
        `${actor.displayName} mentioned you in "Replayed tender"`,
      );
      await world.waitForDeliveries(
        recipient,
        (entries) => entries.some((entry) => entry.eventId === eventId && entry.status !== 'sending'),
        'the replayed mention in the delivery log',
      );
      await page.goto(`/users/${recipient.userId}`);
      expect(await page.getByRole('row').filter({ hasText: eventId }).innerText()).toMatch(/sent|delivered/);
      await screenshot(page, '04-user-replayed-mention-sent');

      // The delivery's email, rendered again by the dispatcher and marked as a re-render.
      await page
        .getByRole('row')
        .filter({ hasText: eventId })
        .getByRole('link', { name: /^Re-render delivery \d+ \(activity\.mention\)$/ })
        .click();
      expect(await page.locator('h1').innerText()).toMatch(/^Delivery \d+: re-rendered preview$/);
      expect(await page.getByTestId('re-render-notice').innerText()).toContain(
        'This is a re-render, not the email as sent.',
      );
      const reloaded = await page.reload();
      expect(reloaded?.headers()['content-security-policy']).toContain("default-src 'none'");
      expect(await page.getByRole('region', { name: 'Text part (re-rendered)' }).innerText()).toContain(
        'Replayed tender',
      );
      const frame = page.frameLocator('iframe[title^="Re-rendered HTML part of delivery"]');
      expect(await frame.getByText('Replayed tender').first().isVisible()).toBe(true);
      expect(await page.locator('iframe[sandbox=""]').count()).toBe(1);
      await expectAccessible(page);
      await screenshot(page, '04b-delivery-re-rendered-preview');

      await page.getByRole('link', { name: 'Audit log' }).click();
      const audit = page.getByRole('row').filter({ hasText: 'dead-letters.replay' }).first();
      expect(await audit.innerText()).toContain('operator-olga');
      expect(await audit.innerText()).toContain('SES outage over, see incident 42');
      expect(await audit.innerText()).toContain('done');
      await expectAccessible(page);
      await screenshot(page, '05-audit-log');
    }),
  );

  it(
    'lets an operator lift a bounce suppression with a reason, after which mentions are emailed again',
    suite.scenario(async (world) => {
      const [actor, bounced] = await Promise.all([
        world.people.register({ label: 'actor' }),
        world.people.register({ label: 'bounced' }),
      ]);
      await reportPermanentBounce(world, bounced.email);

      const page = await openConsole(world);
      await page.goto(`/users/${bounced.userId}`);
      await signInForDevelopment(page, 'operator-olga', 'operator');
      const suppression = page.getByRole('region', { name: 'Suppression' });
      expect(await suppression.innerText()).toContain(`${bounced.email} is suppressed since`);
      await expectAccessible(page);
      await screenshot(page, '12-user-suppressed-operator');

      await page.getByLabel('Why may this address receive email again?').fill('Mailbox restored, ticket 981');
      await page.getByRole('button', { name: 'Lift suppression' }).click();
      expect(await page.getByRole('status').innerText()).toContain('The suppression was lifted');
      expect(await suppression.innerText()).toContain(`${bounced.email} is not suppressed.`);

      await world.platform.mention(mentionOf(bounced, actor, 'Back in the inbox'));
      expect((await bounced.mailbox.takeOne()).subject).toBe(
        `${actor.displayName} mentioned you in "Back in the inbox"`,
      );
      await page.goto('/audit');
      const audit = page.getByRole('row').filter({ hasText: 'suppression.lift' }).first();
      expect(await audit.innerText()).toContain(bounced.email);
      expect(await audit.innerText()).toContain('Mailbox restored, ticket 981');
    }),
  );

  it(
    'gives support no replay: no button, and a forged post is refused with 403',
    suite.scenario(async (world) => {
      const [actor, recipient] = await Promise.all([
        world.people.register({ label: 'actor' }),
        world.people.register({ label: 'recipient' }),
      ]);
      const eventId = await deadLetterAMention(world, mentionOf(recipient, actor, 'Not for support'));

      const page = await openConsole(world);
      await page.goto(`/dead-letters/${Topics.PlatformActivity}`);
      await signInForDevelopment(page, 'support-sam', 'support');
      expect(await page.getByRole('row').filter({ hasText: eventId }).innerText()).toContain(
        'handler-failed',
      );
      expect(await page.getByRole('checkbox').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Replay selected' }).count()).toBe(0);
      await screenshot(page, '06-dead-letters-support-read-only');

      const csrf = await page.locator('input[name="_csrf"]').first().getAttribute('value');
      const forged = await page.request.post(`/dead-letters/${Topics.PlatformActivity}/replay`, {
        form: { _csrf: csrf ?? '', eventIds: eventId, reason: 'support trying' },
        maxRedirects: 0,
      });
      expect(forged.status()).toBe(403);
      expect(await forged.text()).toContain('Only an operator may do this');
      const withoutToken = await page.request.post(`/dead-letters/${Topics.PlatformActivity}/replay`, {
        form: { eventIds: eventId, reason: 'no token' },
        maxRedirects: 0,
      });
      expect(withoutToken.status()).toBe(403);
    }),
  );

  it(
    'shows a community with its moderators, the access request waiting and the reminder sent, the templates, outbox and status pages',
    suite.scenario(async (world) => {
      const moderator = await world.people.registerModerator({ label: 'moderator' });
      const applicant = await world.people.register({ label: 'applicant' });
      const community = await world.createCommunity({
        label: 'Tenders',
        visibility: 'restricted',
        moderated: true,
        moderators: [moderator],
      });
      const join = await applicant.api.communities.join(community.id, applicant.userId, 'I buy for a city');
      const accessRequestId = join.body.accessRequestId!;
      await world.waitUntilPending(moderator, community.id, accessRequestId);

      const page = await openConsole(world);
      await page.goto('/communities');
      await signInForDevelopment(page, 'support-sam', 'support');
      await page.getByLabel('Community id').fill(community.id);
      await page.getByRole('button', { name: 'Find' }).click();
      expect(await page.locator('h1').innerText()).toBe(`Community ${community.name}`);
      const contact = page.getByRole('row').filter({ hasText: moderator.contact.contactEmail });
      expect(await contact.innerText()).toContain(moderator.displayName);
      const pending = page.getByRole('row').filter({ hasText: applicant.userId });
      expect(await pending.innerText()).toMatch(/^0 min\s+since /);
      expect(await pending.innerText()).toContain('I buy for a city');
      await expectAccessible(page);
      await screenshot(page, '08-community-moderators-and-pending-request');

      // Two days on, moderation reminds the moderators once; the page lists the reminder sent.
      const reminded = await world.serviceApi.moderation.runReminders(new Date(Date.now() + 49 * 3_600_000));
      expect(reminded.status).toBe(200);
      await page.reload();
      const reminder = page.getByTestId('reminders').getByRole('row').filter({ hasText: applicant.userId });
      expect(await reminder.innerText()).toContain('access-request');
      expect(await reminder.innerText()).toContain('I buy for a city');
      expect(await reminder.innerText()).toContain('pending');
      await expectAccessible(page);
      await screenshot(page, '08b-community-reminders-sent');

      await page.getByRole('link', { name: 'Templates' }).click();
      expect(await page.locator('h1').innerText()).toBe('Email templates');
      await expectAccessible(page);
      await page.getByRole('link', { name: 'activity.mention in fr' }).click();
      expect(await page.locator('h1').innerText()).toBe('Template activity.mention (fr)');
      expect(await page.locator('iframe[title="HTML part of activity.mention in fr"]').count()).toBe(1);
      expect(await page.getByRole('region', { name: 'Text part' }).innerText()).toContain(
        'support@example.test',
      );
      await expectAccessible(page);
      await screenshot(page, '09-template-side-by-side');

      await page.getByRole('link', { name: 'Outbox' }).click();
      expect(await page.locator('h1').innerText()).toBe('Parked outbox rows');
      const parked = await httpRequest(world.system.urls.dispatcher, {
        method: 'GET',
        path: '/ops/outbox/parked',
        token: await new TestTokens(world.system.settings.tokens).service('console-test'),
      });
      if (parked.status === 404) {
        // Labelled skip: the services do not serve GET /ops/outbox/parked yet; the page must say so for each.
        console.warn(
          'SKIPPED (endpoint absent): parked outbox listing and retry; checked the "not available" label',
        );
        expect(await page.getByTestId('outbox-absent').count()).toBe(4);
      } else {
        expect(await page.getByRole('heading', { level: 2 }).count()).toBe(4);
        expect(await page.locator('.error').count()).toBe(0);
      }
      await expectAccessible(page);
      await screenshot(page, '10-outbox-parked');

      await page.getByRole('link', { name: 'Status' }).click();
      expect(await page.locator('h1').innerText()).toBe('System status');
      for (const service of ['communities', 'moderation', 'preferences', 'dispatcher']) {
        const row = page.getByRole('row', { name: new RegExp(`^${service}`) });
        expect(await row.innerText()).not.toContain('metrics unreachable');
        expect(await row.innerText()).toMatch(/\d+ records/);
      }
      expect(await page.locator('svg[role="img"]').count()).toBe(9);
      await expectAccessible(page);
      await screenshot(page, '11-status');
    }),
  );

  it(
    'sends a visitor without a session, or with an expired one, to sign-in, and keeps the token out of scripts',
    suite.scenario(async (world) => {
      const page = await openConsole(world);
      await page.goto('/audit');
      expect(page.url()).toBe(`${consoleUrl(world)}/sign-in?returnTo=%2Faudit`);

      await signInForDevelopment(page, 'support-sam', 'support');
      expect(new URL(page.url()).pathname).toBe('/audit');
      const [cookie] = await page.context().cookies();
      expect(cookie).toEqual(
        expect.objectContaining({
          name: 'console_session',
          httpOnly: true,
          secure: true,
          sameSite: 'Strict',
        }),
      );

      const { userSecret, userIssuer, audience } = world.system.settings.tokens;
      const expired = await signTestJwt(
        { sub: 'support-sam', roles: ['support'], expiresIn: -60, issuer: userIssuer, audience },
        userSecret,
      );
      await page.context().addCookies([{ ...cookie, value: expired }]);
      await page.goto('/dead-letters');
      expect(page.url()).toBe(`${consoleUrl(world)}/sign-in?returnTo=%2Fdead-letters`);
      await screenshot(page, '07-expired-session-sign-in');
    }),
  );
});

function consoleUrl(world: E2eWorld): string {
  const url = world.system.consoleUrl;
  if (!url) {
    throw new Error('The system was started without the console');
  }
  return url;
}

function mentionOf(recipient: Person, actor: Person, title: string): MentionCreatedData {
  return {
    mentionId: `mention-${randomBytes(4).toString('hex')}`,
    recipientUserId: recipient.userId,
    actor: { userId: actor.userId, displayName: actor.displayName },
    content: {
      id: `content-${randomBytes(4).toString('hex')}`,
      title,
      url: 'https://portal.example.test/content/7',
    },
  };
}

/** A valid mention the dispatcher failed to handle, as its consumer would have set it aside during an outage. */
async function deadLetterAMention(world: E2eWorld, data: MentionCreatedData): Promise<string> {
  const { settings } = world.system;
  const topic = `${settings.topicPrefix}${Topics.PlatformActivity}`;
  const event = createCloudEvent({ type: EventTypes.MentionCreated, source: 'urn:platform:content', data });
  const record = encodeBinary(event, data.recipientUserId);
  await produceMessages(settings.infra.kafkaBrokers, deadLetterTopic(topic), [
    {
      key: data.recipientUserId,
      value: record.value,
      headers: {
        ...record.headers,
        [DeadLetterHeaders.Reason]: 'handler-failed',
        [DeadLetterHeaders.Error]: 'SES endpoint unreachable (simulated outage)',
        [DeadLetterHeaders.OriginalTopic]: topic,
        [DeadLetterHeaders.ConsumerGroup]: `${settings.topicPrefix}dispatcher`,
        [DeadLetterHeaders.FailedAt]: new Date().toISOString(),
      },
    },
  ]);
  return event.id;
}

/** A permanent bounce as the dispatcher records it from SES feedback, then seen on its suppression list. */
async function reportPermanentBounce(world: E2eWorld, email: string): Promise<void> {
  const { settings, urls } = world.system;
  const event = createCloudEvent({
    type: EventTypes.EmailBounced,
    source: 'urn:notify:dispatcher',
    data: {
      email,
      bounceType: 'permanent',
      diagnostic: 'smtp; 550 5.1.1 user unknown',
      occurredAt: new Date().toISOString(),
    },
  });
  const record = encodeBinary(event, email);
  await produceMessages(settings.infra.kafkaBrokers, `${settings.topicPrefix}${Topics.EmailFeedback}`, [
    { key: email, value: record.value, headers: record.headers },
  ]);
  const token = await new TestTokens(settings.tokens).service('console-test');
  await waitFor(
    async () => {
      const answer = await httpRequest<{ items: unknown[] }>(urls.dispatcher, {
        method: 'GET',
        path: `/suppressions?email=${encodeURIComponent(email)}`,
        token,
      });
      return answer.status === 200 && answer.body.items.length === 1;
    },
    { timeoutMs: 20_000, description: `${email} on the suppression list` },
  );
}
