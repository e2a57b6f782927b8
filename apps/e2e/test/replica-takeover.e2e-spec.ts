import {
  countBy,
  deliveriesWithoutOneOutcome,
  logSummary,
  mentionsOf,
  secondsSince,
  takeMessageCensus,
  useSystem,
  type ExpectedEmail,
} from '../src';
import { waitFor } from '@notify/testing';

// Two dispatcher replicas share a burst; one dies with SIGKILL. Its claims must come back within seconds through its
// expired lease (not after CLAIM_TIMEOUT, left at its 2-minute default here), and only the emails SES had accepted
// but the dead replica had not yet recorded may go out twice: an SES call keeps its place among SES_MAX_CONCURRENCY
// (8 by default) until the `sent` marks of its emails (at most SES_BULK_SIZE, 25 by default) are written, so there
// are at most 8 × 25 of them.

// The emulator reports no send quota, so the dispatcher would fall back to 14/s; a real account sends far faster.
const suite = useSystem('takeover', { environment: { dispatcher: { SES_MAX_SEND_RATE: '1000' } } });

const EVENTS = 2000;
const RECIPIENTS = 200;
const MAX_SECONDS_AFTER_KILL = 15;
const MAX_DUPLICATES = 8 * 25;

describe('two dispatcher replicas, one killed with SIGKILL mid-burst', () => {
  it(
    'sends every remaining email within seconds of the kill, one outcome per (event, recipient), at most 8 × 25 twice',
    suite.scenario(async (world) => {
      const { infra } = world.system.settings;
      const actor = await world.people.register({ label: 'actor' });
      const recipients = await world.people.registerMany(RECIPIENTS, { label: 'takeover' });
      const second = await world.system.addReplica('dispatcher');
      const targets = Array.from({ length: EVENTS }, (_, index) => recipients[index % RECIPIENTS]);
      const since = new Date(Date.now() - 2_000);

      const mentions = await world.platform.publishBurst(mentionsOf(targets, actor, 'Lot'));
      const ids = mentions.map((mention) => mention.id);
      const expected: ExpectedEmail[] = mentions.map((mention, index) => ({
        to: targets[index].email,
        subject: `${actor.displayName} mentioned you in "${mention.data.content.title}"`,
      }));
      await waitFor(
        async () =>
          (await world.ledger.outcomes(ids)).filter((outcome) => outcome.status === 'sent').length >=
          EVENTS / 3,
        { timeoutMs: 60_000, intervalMs: 200, description: 'a third of the emails sent' },
      );
      const killedAt = Date.now();
      await second.kill('SIGKILL');
      const atKill = countBy(await world.ledger.outcomes(ids));

      const outcomes = await world.ledger.waitUntilSettled(ids, EVENTS, 60_000);
      const lastSentAt = Math.max(...outcomes.map((outcome) => outcome.sentAt?.getTime() ?? 0));
      const census = await takeMessageCensus(infra.sesEndpoint, expected, since);
      const metrics = await (await fetch(`${world.system.urls.dispatcher}/metrics`)).text();
      const takenOver = [
        ...metrics.matchAll(/^dispatcher_claim_takeovers_total\{[^}]*kind="delivery"[^}]*\} (\d+)/gm),
      ]
        .map((match) => Number(match[1]))
        .reduce((sum, count) => sum + count, 0);

      logSummary('two replicas, one SIGKILL', {
        events: EVENTS,
        recipients: RECIPIENTS,
        emails: census.total,
        duplicates: census.duplicates,
        rowsAtKill: JSON.stringify(atKill),
        claimsTakenOver: takenOver,
        lastEmailAfterKill: secondsSince(killedAt, lastSentAt),
        oneOutcomeEach: JSON.stringify(countBy(outcomes)),
      });

      expect(
        deliveriesWithoutOneOutcome(
          mentions.map((mention) => ({ eventId: mention.id, recipientUserId: mention.data.recipientUserId })),
          outcomes,
        ),
      ).toEqual([]);
      expect(countBy(outcomes)).toEqual({ sent: EVENTS });
      expect(census.missing).toBe(0);
      // The killed replica did hold claims, and the survivor took them over.
      expect(takenOver).toBeGreaterThan(0);
      expect((lastSentAt - killedAt) / 1000).toBeLessThanOrEqual(MAX_SECONDS_AFTER_KILL);
      // Only the calls SES took before the kill and whose rows were not yet marked sent go out again.
      expect(census.duplicates).toBeLessThanOrEqual(MAX_DUPLICATES);
    }),
  );
});
