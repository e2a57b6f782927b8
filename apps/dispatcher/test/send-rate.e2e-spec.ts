import { EventTypes, type TypedCloudEvent, type EventType } from '@notify/contracts';
import { cloudEventFactory, recipientsOf, sesMessages, userProfileFactory, waitFor } from '@notify/testing';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

const RATE = 50;
/** The bucket holds one second of sending: the most that may go out at once after a quiet period. */
const BURST = RATE;
const EMAILS = 300;

// One SES account, three replicas: the shared bucket keeps their sum to the account's rate.
describe('one send rate across three replicas', () => {
  const replicas: DispatcherTestApp[] = [];

  beforeAll(async () => {
    const env = { SES_MAX_SEND_RATE: String(RATE), SENDER_POLL_INTERVAL: '100ms' };
    const first = await startDispatcher('send_rate', env);
    replicas.push(first);
    for (let i = 0; i < 2; i++) {
      replicas.push(await startDispatcher('send_rate', env, first.replica));
    }
  }, 120_000);

  afterAll(async () => {
    for (const replica of replicas.reverse()) {
      await replica.close();
    }
  });

  it(`keeps the aggregate rate at or under ${RATE}/s, measured by the SES emulator, and loses nothing`, async () => {
    const [first] = replicas;
    const profiles = Array.from({ length: EMAILS }, () => userProfileFactory.build({}));
    await first.publishMany(
      profiles.map((profile) => cloudEventFactory.build(EventTypes.PreferenceProfileChanged, profile)),
    );
    await waitFor(
      async () => {
        const [{ count }] = await first.dataSource.query<{ count: number }[]>(
          'SELECT count(*)::int AS count FROM profiles',
        );
        return count === EMAILS;
      },
      { timeoutMs: 60_000, intervalMs: 200, description: 'every profile to be stored' },
    );
    const since = new Date(Date.now() - 1000);

    await first.publishMany(
      profiles.map(
        (profile) =>
          cloudEventFactory.build(EventTypes.MentionCreated, {
            recipientUserId: profile.userId,
            communityId: undefined,
          }) as TypedCloudEvent<EventType>,
      ),
    );
    await waitFor(
      async () => {
        const [{ count }] = await first.dataSource.query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM deliveries WHERE status NOT IN ('pending', 'sending')`,
        );
        return count === EMAILS;
      },
      { timeoutMs: 60_000, intervalMs: 250, description: 'every delivery to be settled' },
    );

    const addresses = new Set(profiles.map((profile) => profile.email.toLowerCase()));
    const emails = (await sesMessages(first.sesEndpoint, { since })).filter((email) =>
      recipientsOf(email).some((to) => addresses.has(to)),
    );
    const perRecipient = new Map<string, number>();
    for (const email of emails) {
      for (const to of recipientsOf(email)) {
        perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
      }
    }
    const perSecond = new Map<number, number>();
    for (const email of emails) {
      perSecond.set(email.at, (perSecond.get(email.at) ?? 0) + 1);
    }
    const seconds = [...perSecond.keys()].sort((a, b) => a - b);
    const counts = seconds.map((second) => perSecond.get(second) ?? 0);
    const spanSeconds = seconds[seconds.length - 1] - seconds[0];
    // The emulator stamps whole seconds: the span between the first and last second stamped, burst taken out.
    const sustainedRate = (emails.length - BURST) / spanSeconds;
    const statuses = await first.dataSource.query<{ status: string; count: number }[]>(
      'SELECT status, count(*)::int AS count FROM deliveries GROUP BY status',
    );
    console.log(
      `send-rate: 3 replicas, configured ${RATE}/s (bucket ${BURST}); ${emails.length} emails to ${perRecipient.size} ` +
        `recipients over ${spanSeconds} s (seconds ${seconds[0]}..${seconds[seconds.length - 1]}); per second ` +
        `[${counts.join(', ')}]; busiest second ${Math.max(...counts)}; after the first second ` +
        `${Math.max(...counts.slice(1))}; average ${(emails.length / spanSeconds).toFixed(1)}/s, without the ` +
        `allowed burst ${sustainedRate.toFixed(1)}/s; deliveries ` +
        statuses.map(({ status, count }) => `${status}=${count}`).join(' '),
    );

    expect(emails).toHaveLength(EMAILS);
    expect(perRecipient.size).toBe(EMAILS);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    expect(statuses).toEqual([{ status: 'sent', count: EMAILS }]);
    expect(Math.max(...counts)).toBeLessThanOrEqual(RATE + BURST);
    expect(sustainedRate).toBeLessThanOrEqual(RATE);
  });
});
