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
    const [replica] = replicas;
    const profiles = Array.from({ length: EMAILS }, () => userProfileFactory.build({}));
    await replica.publishMany(
      profiles.map((profile) => cloudEventFactory.build(EventTypes.PreferenceProfileChanged, profile)),
    );
    await waitFor(
      async () => {
        const [{ count }] = await replica.dataSource.query<{ count: number }[]>(
          'SELECT count(*)::int AS count FROM profiles',
        );
        return count === EMAILS;
      },
      { timeoutMs: 60_000, intervalMs: 200, description: 'every profile to be stored' },
    );
    const since = new Date(Date.now() - 1000);

    await replica.publishMany(
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
        const [{ count }] = await replica.dataSource.query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM deliveries WHERE status NOT IN ('pending', 'sending')`,
        );
        return count === EMAILS;
      },
      { timeoutMs: 60_000, intervalMs: 250, description: 'every delivery to be settled' },
    );

    const addresses = new Set(profiles.map((profile) => profile.email.toLowerCase()));
    const emails = (await sesMessages(replica.sesEndpoint, { since })).filter((email) =>
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
    const first = seconds[0];
    const last = seconds[seconds.length - 1];
    // Every stamped second, also the quiet ones, so that neighbours in the list are neighbours in time.
    const counts = Array.from({ length: last - first + 1 }, (_, i) => perSecond.get(first + i) ?? 0);
    // Stamps are whole seconds at receipt: the sending took less than (last - first + 1) s, so this bounds the rate.
    const windowSeconds = last - first + 1;
    const sustainedRate = (emails.length - BURST) / windowSeconds;
    const busiestPair = Math.max(...counts.slice(1).map((count, i) => count + counts[i]));
    const statuses = await replica.dataSource.query<{ status: string; count: number }[]>(
      'SELECT status, count(*)::int AS count FROM deliveries GROUP BY status',
    );
    console.log(
      `send-rate: 3 replicas, configured ${RATE}/s (bucket ${BURST}); ${emails.length} emails to ` +
        `${perRecipient.size} recipients stamped over ${windowSeconds} whole seconds; per second ` +
        `[${counts.join(', ')}]; busiest two seconds ${busiestPair}; average ` +
        `${(emails.length / windowSeconds).toFixed(1)}/s, without the allowed burst ${sustainedRate.toFixed(1)}/s; ` +
        `deliveries ${statuses.map(({ status, count }) => `${status}=${count}`).join(' ')}`,
    );

    expect(emails).toHaveLength(EMAILS);
    expect(perRecipient.size).toBe(EMAILS);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    expect(statuses).toEqual([{ status: 'sent', count: EMAILS }]);
    expect(sustainedRate).toBeLessThanOrEqual(RATE);
    // Two stamped seconds hold what was sent in under three: at most the burst and three seconds' rate.
    expect(busiestPair).toBeLessThanOrEqual(BURST + 3 * RATE);
  });
});
