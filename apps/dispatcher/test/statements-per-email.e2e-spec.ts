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

const DIGESTS = 300;
/**
 * Statements per digest from its claim to its record, opening excluded: measured 0.57 (5.2 when each digest read its
 * own items and their context and wrote its own `sent` mark; 1.29 with the batch's reads and one mark each). A mark
 * also marks the digest's items; marks arriving while one runs share the next statement.
 */
const MAX_STATEMENTS_PER_DIGEST = 0.8;

/** What each statement on the wire is for, by what it touches. */
const KINDS: [kind: string, pattern: RegExp][] = [
  ['digest-open', /INSERT INTO digests/],
  ['digest-claim', /UPDATE digests g\s+SET status = 'sending'/],
  ['digest-items', /WHERE digest_id = ANY/],
  ['digest-result', /UPDATE digests( g)?\s+SET status = '(sent|skipped|failed|pending)'/],
  ['claim', /SET status = 'sending'/],
  ['send-rate', /send_rate_buckets/],
  ['result', /UPDATE deliveries d\s+SET status = '(sent|skipped|failed|pending)'/],
  ['lease', /replica_leases/],
  ['context', /notification_events|communities|profiles|memberships|email_suppressions/],
  ['wake-up', /pg_notify|LISTEN/],
];
const SENDING_PATH = ['claim', 'context', 'send-rate', 'result'];
const DIGEST_SENDING_PATH = ['digest-claim', 'digest-items', 'context', 'send-rate', 'digest-result'];

function kindOf(statement: LoggedStatement): string {
  return KINDS.find(([, pattern]) => pattern.test(statement.sql))?.[0] ?? 'other';
}

/** Counts the logged statements by kind and prints them; `unit`: what was sent (an email, a digest). */
function summarise(
  unit: string,
  sent: number,
  elapsedMs: number,
  statements: readonly LoggedStatement[],
  path: readonly string[] = SENDING_PATH,
): { byKind: Map<string, { statements: number; rows: number; ms: number }>; sendingPath: number } {
  const byKind = new Map<string, { statements: number; rows: number; ms: number }>();
  for (const statement of statements) {
    const kind = kindOf(statement);
    const entry = byKind.get(kind) ?? { statements: 0, rows: 0, ms: 0 };
    entry.statements += 1;
    entry.rows += statement.rows;
    entry.ms += statement.ms;
    byKind.set(kind, entry);
  }
  const sendingPath = path.reduce((sum, kind) => sum + (byKind.get(kind)?.statements ?? 0), 0);
  const claimKind = path[0];
  const claims = byKind.get(claimKind) ?? { statements: 0, rows: 0 };
  const batches = statements.filter((statement) => kindOf(statement) === claimKind && statement.rows > 0);
  process.stdout.write(
    `statements per ${unit}: ${sent} in ${elapsedMs} ms, ${statements.length} statements in all, ` +
      `${sendingPath} on the sending path = ${(sendingPath / sent).toFixed(3)} per ${unit}; ` +
      `${batches.length} batches (${claims.statements - batches.length} empty claims); ` +
      [...byKind]
        .map(
          ([kind, { statements: count, rows, ms }]) => `${kind} ${count} (${rows} rows, ${ms.toFixed(0)} ms)`,
        )
        .join(', ') +
      '\n',
  );
  const unknown = statements.filter((statement) => kindOf(statement) === 'other');
  if (unknown.length > 0) {
    process.stdout.write(`other statements:\n${unknown.map((st) => st.sql.slice(0, 160)).join('\n')}\n`);
  }
  return { byKind, sendingPath };
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

    const { byKind, sendingPath } = summarise('email', EMAILS, elapsedMs, log.statements);

    expect(byKind.get('result')?.rows).toBe(EMAILS);
    expect(sendingPath / EMAILS).toBeLessThanOrEqual(MAX_STATEMENTS_PER_EMAIL);
  });

  it(`sends ${DIGESTS} daily digests with at most ${MAX_STATEMENTS_PER_DIGEST} statements each from claim to record`, async () => {
    const db = dispatcher.dataSource;
    await db.query(
      `${UNLOGGED} INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments,
         private_messages, community_activity, revision)
       SELECT 'dg-' || n, 'dg-' || n || '@example.org', 'Reader ' || n, 'en', 'Europe/Brussels',
              'daily', 'immediately', 'immediately', 'daily', 1
         FROM generate_series(1, $1) AS n`,
      [DIGESTS],
    );
    const sample = cloudEventFactory.build(EventTypes.MentionCreated, { communityId: undefined });
    // Two queued mentions per reader.
    await db.query(
      `${UNLOGGED} INSERT INTO notification_events (source, event_id, type, occurred_at, data)
       SELECT $1, $2 || '-dg-' || n, $3, now(), jsonb_set($4::jsonb, '{recipientUserId}', to_jsonb('dg-' || (n % $5 + 1)))
         FROM generate_series(1, 2 * $5) AS n`,
      [sample.source, sample.id, sample.type, JSON.stringify(sample.data), DIGESTS],
    );
    await db.query(
      `${UNLOGGED} INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category,
         members_only, status, frequency)
       SELECT id, data->>'recipientUserId', 'recipient', 'activity.mention', 'mentions', false, 'digest-queued', 'daily'
         FROM notification_events WHERE event_id LIKE $1 ORDER BY id`,
      [`${sample.id}-dg-%`],
    );

    const log = logStatements();
    const started = Date.now();
    // 08:00 in Brussels on a Tuesday.
    const run = await dispatcher.runDigests(new Date('2027-03-02T07:00:00Z'));
    const elapsedMs = Date.now() - started;
    log.stop();

    expect(run).toMatchObject({ opened: DIGESTS, sent: DIGESTS });
    const { byKind, sendingPath } = summarise(
      'digest',
      DIGESTS,
      elapsedMs,
      log.statements,
      DIGEST_SENDING_PATH,
    );
    expect(byKind.get('digest-result')?.rows).toBe(DIGESTS);
    expect(sendingPath / DIGESTS).toBeLessThanOrEqual(MAX_STATEMENTS_PER_DIGEST);
  });
});
