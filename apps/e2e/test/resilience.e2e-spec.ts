import { randomBytes } from 'node:crypto';
import { parseDuration } from '@notify/config';
import {
  DeadLetterHeaders,
  deadLetterTopic,
  EventTypes,
  Topics,
  type CloudEvent,
  type MentionCreatedData,
} from '@notify/contracts';
import { readTopic, sleep, waitFor } from '@notify/testing';
import {
  ConsumerGroupWatch,
  countBy,
  deliveriesWithoutOneOutcome,
  expectNoOtherMail,
  logSummary,
  mentionsOf,
  readProfileChanges,
  secondsSince,
  takeMailCensus,
  tallyChanges,
  useSystem,
  waitForMailCensus,
  type E2eWorld,
  type GroupObservation,
  type Person,
  type Preferences,
} from '../src';

// Quality bars "No loss, no duplicates" and "Never stuck" on the real broker, database and SES emulator.
// The broker restart and the SES stall hit the shared infrastructure: run this file only when nothing else uses it.

const suite = useSystem('resilience', {
  environment: {
    dispatcher: {
      // Bursts of hundreds go out in seconds, yet slowly enough for a fault to land in the middle of one.
      SES_MAX_SEND_RATE: '60',
      // A killed replica's claims are handed back after this; the 2-minute default would outlast the suite.
      CLAIM_TIMEOUT: '15s',
    },
  },
});

type Mention = CloudEvent<MentionCreatedData>;

const addressesOf = (people: readonly Person[]): string[] =>
  people.map((person) => person.email.toLowerCase());

/** Waits until the mentions' deliveries settle; names each that did not end as one `sent` row to its recipient. */
async function unsettledMentions(world: E2eWorld, mentions: readonly Mention[]): Promise<string[]> {
  const ids = mentions.map((mention) => mention.id);
  const outcomes = await world.ledger.waitUntilSettled(ids, mentions.length, 120_000);
  return deliveriesWithoutOneOutcome(
    mentions.map((mention) => ({ eventId: mention.id, recipientUserId: mention.data.recipientUserId })),
    outcomes,
  );
}

describe('a poison event and an unknown type inside a burst on one partition', () => {
  it(
    'sets both aside in the dead-letter topic and delivers every valid event around them',
    suite.scenario(async (world) => {
      const [actor, recipient] = await Promise.all([
        world.people.register({ label: 'actor' }),
        world.people.register({ label: 'poisoned' }),
      ]);
      const key = recipient.userId;
      const probe = randomBytes(4).toString('hex');
      const mentions = (count: number, title: string): Promise<Mention[]> =>
        world.platform.publishBurst(mentionsOf(Array<Person>(count).fill(recipient), actor, title));
      const started = Date.now();
      // One key, hence one partition, in this order: valid, garbage, valid, invalid payload, valid, unknown, valid.
      const valid = await mentions(3, 'A');
      await world.platform.publishRaw({
        key,
        value: '{"specversion": "1.0", broken',
        headers: { 'x-probe': probe },
      });
      valid.push(...(await mentions(2, 'B')));
      const { content: _missing, ...withoutContent } = mentionsOf([recipient], actor, 'Invalid')[0].data;
      const invalid = await world.platform.publish(EventTypes.MentionCreated, key, withoutContent);
      valid.push(...(await mentions(2, 'C')));
      const unknown = await world.platform.publish('platform.poll.created', key, { pollId: `poll-${probe}` });
      valid.push(...(await mentions(3, 'D')));

      const emails = await recipient.mailbox.take(valid.length, 30_000);
      expect(emails.map((email) => email.subject).sort()).toEqual(
        valid.map((event) => `${actor.displayName} mentioned you in "${event.data.content.title}"`).sort(),
      );
      const deliveredIn = secondsSince(started);

      const { kafkaBrokers } = world.system.settings.infra;
      const source = `${world.system.settings.topicPrefix}${Topics.PlatformActivity}`;
      // The dispatcher sets aside all three; preferences, communities and moderation, reading the same topic, the
      // garbage and the unknown type.
      const deadLetters = await readTopic(kafkaBrokers, deadLetterTopic(source), {
        count: 9,
        timeoutMs: 20_000,
      });
      const dispatcherReasons = (matches: (headers: Record<string, string>) => boolean): string[] =>
        deadLetters
          .map((record) => record.headers)
          .filter(
            (headers) => matches(headers) && /dispatcher$/.test(headers[DeadLetterHeaders.ConsumerGroup]),
          )
          .map((headers) => headers[DeadLetterHeaders.Reason]);
      expect(dispatcherReasons((headers) => headers['x-probe'] === probe)).toEqual(['invalid-envelope']);
      expect(dispatcherReasons((headers) => headers.ce_id === invalid.id)).toEqual(['invalid-payload']);
      expect(dispatcherReasons((headers) => headers.ce_id === unknown.id)).toEqual(['unknown-type']);
      await expectNoOtherMail([recipient.mailbox, actor.mailbox]);

      logSummary('poison in a burst', {
        validEvents: valid.length,
        delivered: emails.length,
        deadLetters: deadLetters.length,
        allDeliveredAfter: deliveredIn,
      });
    }),
  );
});

describe('a stalled SES', () => {
  const STALL_MS = 7_000;

  /** Half the burst goes out, SES freezes, the other half arrives during the stall, SES resumes. */
  async function burstThroughStall(world: E2eWorld, recipients: readonly Person[], actor: Person) {
    const { sesEndpoint } = world.system.settings.infra;
    const since = new Date(Date.now() - 2_000);
    const half = recipients.length / 2;
    const before = await world.platform.publishBurst(mentionsOf(recipients.slice(0, half), actor, 'Before'));
    await waitForMailCensus(sesEndpoint, addressesOf(recipients), since, ({ total }) => total >= half / 3, {
      timeoutMs: 30_000,
      description: 'the first emails before the stall',
    });
    world.infraFaults.pauseSes();
    const stalledAt = Date.now();
    try {
      const during = await world.platform.publishBurst(mentionsOf(recipients.slice(half), actor, 'During'));
      // The consumer does not wait for SES: the events sent during the stall get their rows while it lasts.
      await waitFor(
        async () => (await world.ledger.outcomes(during.map((event) => event.id))).length === during.length,
        {
          timeoutMs: STALL_MS - 1_000,
          intervalMs: 100,
          description: 'delivery rows for events sent during the stall',
        },
      );
      const rowsAfter = secondsSince(stalledAt);
      await sleep(Math.max(0, STALL_MS - (Date.now() - stalledAt)));
      const atResume = await world.ledger.outcomes([...before, ...during].map((event) => event.id));
      return {
        mentions: [...before, ...during],
        since,
        rowsAfter,
        sendingAtResume: countBy(atResume).sending ?? 0,
      };
    } finally {
      world.infraFaults.resumeSes();
    }
  }

  it(
    'keeps the consumer consuming, rebalances nothing and sends every email once after it resumes',
    suite.scenario(async (world) => {
      // Shorter than the SDK's request timeout: no send gives up, so none may go out twice.
      expect(STALL_MS).toBeLessThan(
        parseDuration(world.system.setting('dispatcher', 'SES_REQUEST_TIMEOUT'))!,
      );
      const { infra, topicPrefix } = world.system.settings;
      const [actor, recipients] = await Promise.all([
        world.people.register({ label: 'actor' }),
        world.people.registerMany(90, { label: 'stall' }),
      ]);
      const marks = world.system.mark();
      const watch = await ConsumerGroupWatch.start(infra.kafkaBrokers, `${topicPrefix}dispatcher`);
      let stall: Awaited<ReturnType<typeof burstThroughStall>>;
      let unsettled: string[];
      let settledAfterResume: string;
      let observation: GroupObservation;
      try {
        stall = await burstThroughStall(world, recipients, actor);
        const resumedAt = Date.now();
        unsettled = await unsettledMentions(world, stall.mentions);
        settledAfterResume = secondsSince(resumedAt);
      } finally {
        observation = await watch.stop();
      }
      const census = await takeMailCensus(infra.sesEndpoint, addressesOf(recipients), stall.since);

      // The stall did catch sends: they hung on the frozen emulator until it resumed.
      expect(stall.sendingAtResume).toBeGreaterThan(0);
      expect(unsettled).toEqual([]);
      expect(census.missingAddresses).toEqual([]);
      expect(census.duplicatedAddresses).toEqual([]);
      expect(observation.failedSamples).toBe(0);
      expect(observation.states).toEqual({ Stable: observation.samples });
      expect(observation.memberSets).toBe(1);
      expect(world.system.output('dispatcher', marks).filter((line) => /rebalanc/i.test(line))).toEqual([]);

      logSummary('SES stalled', {
        events: stall.mentions.length,
        stall: secondsSince(0, STALL_MS),
        rowsForStallEventsAfter: stall.rowsAfter,
        sendingAtResume: stall.sendingAtResume,
        emails: census.total,
        duplicates: census.duplicates,
        settledAfterResume,
        groupStates: JSON.stringify(observation.states),
        memberSets: observation.memberSets,
      });
    }),
  );
});

describe('the dispatcher killed with SIGKILL mid-burst', () => {
  const RECIPIENTS = 300;

  it(
    'after a restart, settles every (event, recipient) once; only claims in flight at the kill are sent twice',
    suite.scenario(async (world) => {
      const { infra } = world.system.settings;
      const [actor, recipients] = await Promise.all([
        world.people.register({ label: 'actor' }),
        world.people.registerMany(RECIPIENTS, { label: 'kill' }),
      ]);
      const addresses = addressesOf(recipients);
      const since = new Date(Date.now() - 2_000);
      const bursts = mentionsOf(recipients, actor, 'Tender');

      const first = await world.platform.publishBurst(bursts.slice(0, 200));
      await waitForMailCensus(infra.sesEndpoint, addresses, since, ({ total }) => total >= RECIPIENTS / 3, {
        timeoutMs: 30_000,
        description: 'a third of the emails',
      });
      // The rest is still being produced while the dispatcher dies.
      const rest = world.platform.publishBurst(bursts.slice(200));
      const killedAt = Date.now();
      await world.system.kill('dispatcher', 'SIGKILL');
      const mentions = [...first, ...(await rest)];
      const atKill = await world.ledger.outcomes(mentions.map((mention) => mention.id));
      const emailsBeforeKill = (await takeMailCensus(infra.sesEndpoint, addresses, since)).total;

      await world.system.restart('dispatcher');
      const readyAfterKill = secondsSince(killedAt);
      const unsettled = await unsettledMentions(world, mentions);
      const census = await waitForMailCensus(
        infra.sesEndpoint,
        addresses,
        since,
        ({ missingAddresses }) => missingAddresses.length === 0,
        { timeoutMs: 20_000, description: 'an email to every recipient' },
      );
      const settledAfterKill = secondsSince(killedAt);

      expect(unsettled).toEqual([]);
      expect(census.missingAddresses).toEqual([]);
      // Claimed, maybe sent, not yet recorded when the process died: the only deliveries that may go out twice.
      const claimed = atKill.filter((outcome) => outcome.status === 'sending');
      const claimBound =
        Number(world.system.setting('dispatcher', 'SENDER_CONCURRENCY')) *
        Number(world.system.setting('dispatcher', 'SENDER_BATCH_SIZE'));
      expect(claimed.length).toBeLessThanOrEqual(claimBound);
      const claimedAddresses = new Set(
        addressesOf(
          recipients.filter((person) => claimed.some((row) => row.recipientUserId === person.userId)),
        ),
      );
      expect(census.duplicatedAddresses.filter((address) => !claimedAddresses.has(address))).toEqual([]);
      expect(census.duplicates).toBeLessThanOrEqual(claimed.length);

      logSummary('dispatcher SIGKILL', {
        events: mentions.length,
        emailsBeforeKill,
        rowsAtKill: JSON.stringify(countBy(atKill)),
        claimedAtKill: claimed.length,
        claimBound,
        sesConcurrency: world.system.setting('dispatcher', 'SES_MAX_CONCURRENCY'),
        duplicates: census.duplicates,
        emails: census.total,
        readyAfterKill,
        settledAfterKill,
      });
    }),
  );
});

describe('the preferences service killed with SIGKILL mid-burst of writes', () => {
  const USERS = 100;
  const WRITERS = 4;
  const KILL_AFTER_ACCEPTED = 35;
  const WANTED: Preferences = {
    mentions: 'weekly',
    comments: 'never',
    privateMessages: 'daily',
    communityActivity: 'weekly',
  };

  it(
    'publishes the change of every accepted write once, and of every retried one after the restart',
    suite.scenario(async (world) => {
      const users = await world.people.registerMany(USERS, { label: 'prefs' });
      const accepted = new Set<string>();
      let kill: Promise<void> | undefined;
      let killedAt = 0;
      const queue = [...users];
      const writer = async (): Promise<void> => {
        for (let user = queue.shift(); user; user = queue.shift()) {
          const answer = await user.api.preferences
            .putPreferences(user.userId, WANTED)
            .catch(() => undefined);
          if (answer && answer.status >= 200 && answer.status < 300) {
            accepted.add(user.userId);
          }
          if (accepted.size >= KILL_AFTER_ACCEPTED && !kill) {
            killedAt = Date.now();
            kill = world.system.kill('preferences', 'SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, writer));
      await kill;
      const acceptedBeforeRestart = accepted.size;
      expect(acceptedBeforeRestart).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);
      expect(acceptedBeforeRestart).toBeLessThan(USERS);

      await world.system.restart('preferences');
      const readyAfterKill = secondsSince(killedAt);
      // What a client does with a write that got no answer: send it again.
      for (const user of users.filter((candidate) => !accepted.has(candidate.userId))) {
        await expect(user.api.preferences.putPreferences(user.userId, WANTED)).resolves.toMatchObject({
          status: 200,
        });
      }
      const userIds = users.map((user) => user.userId);
      await world.readModels.waitForProfiles(userIds, WANTED, 60_000);
      const dispatcherUpToDateAfterKill = secondsSince(killedAt);

      const { infra, topicPrefix } = world.system.settings;
      const topic = `${topicPrefix}${Topics.PreferenceProfiles}`;
      const tally = tallyChanges(await readProfileChanges(infra.kafkaBrokers, topic), userIds, WANTED);
      expect(tally.problems).toEqual([]);

      logSummary('preferences SIGKILL', {
        writes: USERS,
        acceptedBeforeKill: acceptedBeforeRestart,
        retriedAfterRestart: USERS - acceptedBeforeRestart,
        changeEvents: tally.changeEvents,
        redeliveredRecords: tally.redeliveredRecords,
        readyAfterKill,
        dispatcherUpToDateAfterKill,
      });
    }),
  );
});

describe('the Kafka broker restarted mid-burst', () => {
  const RECIPIENTS = 270;
  // More than the sender gets through (at SES_MAX_SEND_RATE) while the broker shuts down.
  const BEFORE_STOP = 240;

  it(
    'keeps sending, then yields exactly one outcome and one email per (event, recipient)',
    suite.scenario(async (world) => {
      const { infra } = world.system.settings;
      const [actor, recipients] = await Promise.all([
        world.people.register({ label: 'actor' }),
        world.people.registerMany(RECIPIENTS, { label: 'broker' }),
      ]);
      const addresses = addressesOf(recipients);
      const since = new Date(Date.now() - 2_000);
      const emailsSoFar = async (): Promise<number> =>
        (await takeMailCensus(infra.sesEndpoint, addresses, since)).total;
      const bursts = mentionsOf(recipients, actor, 'Framework');

      const before = await world.platform.publishBurst(bursts.slice(0, BEFORE_STOP));
      await waitForMailCensus(infra.sesEndpoint, addresses, since, ({ total }) => total >= 20, {
        timeoutMs: 30_000,
        description: 'the first emails before the broker stops',
      });
      const stoppingAt = Date.now();
      const emailsAtStop = await emailsSoFar();
      let after: Mention[];
      let brokerDownFor: string;
      let emailsDuringOutage: number;
      try {
        await world.infraFaults.stopKafka();
        const downAt = Date.now();
        await world.infraFaults.startKafka();
        brokerDownFor = secondsSince(downAt);
        emailsDuringOutage = (await emailsSoFar()) - emailsAtStop;
        after = await world.platform.publishBurst(bursts.slice(BEFORE_STOP), 30_000);
      } finally {
        await world.infraFaults.restore();
      }
      const backAt = Date.now();

      const unsettled = await unsettledMentions(world, [...before, ...after]);
      const census = await waitForMailCensus(
        infra.sesEndpoint,
        addresses,
        since,
        ({ missingAddresses }) => missingAddresses.length === 0,
        { timeoutMs: 20_000, description: 'an email to every recipient' },
      );
      expect(unsettled).toEqual([]);
      expect(census.duplicatedAddresses).toEqual([]);
      // Deliveries already recorded do not wait for the broker.
      expect(emailsDuringOutage).toBeGreaterThan(0);

      logSummary('broker restart', {
        events: before.length + after.length,
        emailsAtStop,
        emailsDuringOutage,
        brokerDownFor,
        stopToBack: secondsSince(stoppingAt, backAt),
        emails: census.total,
        duplicates: census.duplicates,
        settledAfterBrokerBack: secondsSince(backAt),
      });
    }),
  );
});
