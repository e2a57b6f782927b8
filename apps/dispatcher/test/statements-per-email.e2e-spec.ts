import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, waitFor } from '@notify/testing';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';
import { logStatements, UNLOGGED, type LoggedStatement } from './support/statement-log';

const EMAILS = 500;
/**
 * Statements on the sending path (claim, context, send rate, results) per email: measured 0.42-0.44 (1.22 before the
 * claim read the batch's context, 0.99 while an email held its SES place from before its send-rate take). The
 * emails of a batch take their send-rate tokens together before their places, and `sent` marks written while an
 * earlier one runs share the next statement.
 */
const MAX_STATEMENTS_PER_EMAIL = 0.6;

/** What each statement on the wire is for, by what it touches. */
const KINDS: [kind: string, pattern: RegExp][] = [
  ['claim', /SET status = 'sending'/],
  ['send-rate', /send_rate_buckets/],
  ['result', /UPDATE deliveries d\s+SET status = '(sent|skipped|failed|pending)'/],
  ['lease', /replica_leases/],
  ['context', /notification_events|communities|profiles|memberships|email_suppressions/],
  ['wake-up', /pg_notify|LISTEN/],
];
const SENDING_PATH = ['claim', 'context', 'send-rate', 'result'];

function kindOf(statement: LoggedStatement): string {
  return KINDS.find(([, pattern]) => pattern.test(statement.sql))?.[0] ?? 'other';
}

// The statements the dispatcher sends to PostgreSQL per email, counted on the wire while it sends a backlog of
// members-only mentions (claim, membership and suppression re-checks, rendering, SES, `sent`).
describe('statements per email', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('statements', { SES_MAX_SEND_RATE: '100000' });
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  async function seed(): Promise<string> {
    const db = dispatcher.dataSource;
    const communityId = `statements-${Date.now()}`;
    await db.query(
      `${UNLOGGED} INSERT INTO communities (community_id, name, visibility, moderated, confidential, moderators,
         changed_at) VALUES ($1, 'Tenders', 'restricted', false, false, '[]', now())`,
      [communityId],
    );
    await db.query(
      `${UNLOGGED} INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments,
         private_messages, community_activity, revision)
       SELECT 'stmt-' || n, 'stmt-' || n || '@example.org', 'Reader ' || n, 'en', 'Europe/Brussels',
              'immediately', 'immediately', 'immediately', 'daily', 1
         FROM generate_series(1, $1) AS n`,
      [EMAILS],
    );
    await db.query(
      `${UNLOGGED} INSERT INTO memberships (community_id, user_id, state, changed_at)
       SELECT $1, 'stmt-' || n, 'joined', now() FROM generate_series(1, $2) AS n`,
      [communityId, EMAILS],
    );
    const sample = cloudEventFactory.build(EventTypes.MentionCreated, { communityId });
    await db.query(
      `${UNLOGGED} INSERT INTO notification_events (source, event_id, type, occurred_at, data)
       SELECT $1, $2 || '-' || n, $3, now(), jsonb_set($4::jsonb, '{recipientUserId}', to_jsonb('stmt-' || n))
         FROM generate_series(1, $5) AS n`,
      [sample.source, sample.id, sample.type, JSON.stringify(sample.data), EMAILS],
    );
    return communityId;
  }

  it(`sends ${EMAILS} emails with at most ${MAX_STATEMENTS_PER_EMAIL} statements each on the sending path`, async () => {
    const communityId = await seed();
    const log = logStatements();
    const started = Date.now();
    // The whole backlog appears at once, so every lane claims full batches.
    await dispatcher.dataSource.transaction(async (tx) => {
      await tx.query(
        `${UNLOGGED} INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category,
           community_id, members_only, status)
         SELECT id, data->>'recipientUserId', 'recipient', 'activity.mention', 'mentions', $1, true, 'pending'
           FROM notification_events ORDER BY id`,
        [communityId],
      );
      await tx.query(`${UNLOGGED} SELECT pg_notify('deliveries_' || current_schema(), '')`);
    });
    await waitFor(
      async () =>
        (await dispatcher.count(`${UNLOGGED} SELECT count(*) FROM deliveries WHERE status = 'sent'`)) ===
        EMAILS,
      { timeoutMs: 60_000, intervalMs: 50, description: `${EMAILS} deliveries sent` },
    );
    const elapsedMs = Date.now() - started;
    log.stop();

    const byKind = new Map<string, { statements: number; rows: number; ms: number }>();
    for (const statement of log.statements) {
      const kind = kindOf(statement);
      const entry = byKind.get(kind) ?? { statements: 0, rows: 0, ms: 0 };
      entry.statements += 1;
      entry.rows += statement.rows;
      entry.ms += statement.ms;
      byKind.set(kind, entry);
    }
    const sendingPath = SENDING_PATH.reduce((sum, kind) => sum + (byKind.get(kind)?.statements ?? 0), 0);
    const claims = byKind.get('claim') ?? { statements: 0, rows: 0 };
    const batches = log.statements.filter((statement) => kindOf(statement) === 'claim' && statement.rows > 0);
    process.stdout.write(
      `statements per email: ${EMAILS} emails in ${elapsedMs} ms, ${log.statements.length} statements in all, ` +
        `${sendingPath} on the sending path = ${(sendingPath / EMAILS).toFixed(3)} per email; ` +
        `${batches.length} batches (${claims.statements - batches.length} empty claims), ` +
        `${((sendingPath - (claims.statements - batches.length)) / batches.length).toFixed(2)} round trips per batch; ` +
        [...byKind]
          .map(
            ([kind, { statements, rows, ms }]) => `${kind} ${statements} (${rows} rows, ${ms.toFixed(0)} ms)`,
          )
          .join(', ') +
        '\n',
    );
    const unknown = log.statements.filter((statement) => kindOf(statement) === 'other');
    if (unknown.length > 0) {
      process.stdout.write(`other statements:\n${unknown.map((s) => s.sql.slice(0, 160)).join('\n')}\n`);
    }

    expect(byKind.get('result')?.rows).toBe(EMAILS);
    expect(sendingPath / EMAILS).toBeLessThanOrEqual(MAX_STATEMENTS_PER_EMAIL);
  });
});
