// Fan-out and digests at sizes events cannot seed quickly: the dispatcher's read models (its own copies of
// profiles, communities and memberships) are filled with one INSERT ... SELECT generate_series each, server-side.
import http from 'node:http';
import { SignJWT } from 'jose';
import { waitUntil } from './measurements.mjs';
import { loadAverage, rssSampler } from './proc.mjs';

/** A community of `members` users, each with `communityActivity` as their preference for community activity. */
export async function seedCommunity(db, { communityId, members, communityActivity }) {
  await db.query(
    `INSERT INTO communities (community_id, name, visibility, moderated, confidential, moderators, changed_at)
     VALUES ($1, $1, 'restricted', false, false, '[]', now())`,
    [communityId],
  );
  await db.query(
    `INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments, private_messages,
                           community_activity, revision)
     SELECT $1 || n, $1 || n || '@bench.example.test', 'Member ' || n, 'en', 'UTC',
            'immediately', 'immediately', 'immediately', $3, 1
       FROM generate_series(1, $2::int) AS n`,
    [`${communityId}-m`, members, communityActivity],
  );
  await db.query(
    `INSERT INTO memberships (community_id, user_id, state, changed_at)
     SELECT $1, $2 || n, 'joined', now() - interval '1 day' FROM generate_series(1, $3::int) AS n`,
    [communityId, `${communityId}-m`, members],
  );
  await db.query('ANALYZE profiles; ANALYZE memberships');
}

export function contentPublished(communityId, ref) {
  return {
    type: 'platform.content.published',
    key: communityId,
    data: {
      contentId: `content-${communityId}`,
      communityId,
      author: { userId: 'bench-author', displayName: 'Bench Author' },
      title: `Framework agreement benchref${ref}x`,
      url: `https://portal.example.test/content/${communityId}`,
      excerpt: 'A new framework agreement for laboratory equipment is open for comments.',
    },
  };
}

/** Publishes one piece of content to a seeded community; time until every member's delivery row exists. */
export async function fanOut({ db, platform, communityId, members, ref, pids }) {
  const load = loadAverage();
  const event = contentPublished(communityId, ref);
  const rss = rssSampler(pids);
  const startedAt = Date.now();
  await platform.publish([event]);
  await waitUntil(
    async () => {
      const [{ count }] = (
        await db.query(
          `SELECT count(*)::int AS count FROM deliveries d JOIN notification_events e ON e.id = d.event_ref
            WHERE e.type = 'platform.content.published' AND e.data->>'communityId' = $1`,
          [communityId],
        )
      ).rows;
      return count >= members;
    },
    {
      timeoutMs: 30 * 60_000,
      // Counting a million rows takes a while itself: poll large fan-outs less often (time resolution 1 s).
      intervalMs: members >= 100_000 ? 1000 : 100,
      description: `${members} fan-out deliveries`,
    },
  );
  return { members, seconds: (Date.now() - startedAt) / 1000, peakRssMiB: rss.stop(), load };
}

function serviceToken(secret) {
  return new SignJWT({ roles: ['service'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('bench')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}

/** `POST /digests/run` without a client timeout: a large run answers only once it has sent. */
async function runDigests(url, secret, at) {
  const token = await serviceToken(secret);
  const body = JSON.stringify({ at: at.toISOString() });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/digests/run`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          response.statusCode === 200 || response.statusCode === 201
            ? resolve(JSON.parse(text))
            : reject(new Error(`POST /digests/run answered ${response.statusCode}: ${text}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The next 08:00 UTC (the default DIGEST_HOUR) that is not a Monday (weekly digests' day), at least a day ahead. */
export function nextDailyDigestInstant(now = new Date()) {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8));
  if (at.getUTCDay() === 1) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

/**
 * `members` users with a daily digest preference get one queued item each through a fan-out, then one digest run
 * sends their daily digests; timed from the run's request until the last digest reached the emulator.
 */
export async function dailyDigests({
  db,
  platform,
  recorder,
  communityId,
  members,
  ref,
  dispatcherUrl,
  jwtSecret,
  pids,
}) {
  await seedCommunity(db, { communityId, members, communityActivity: 'daily' });
  await fanOut({ db, platform, communityId, members, ref, pids });
  const load = loadAverage();
  const before = recorder.accepted.get(String(ref))?.count ?? 0;
  const rss = rssSampler(pids);
  const startedAt = Date.now();
  const summary = await runDigests(dispatcherUrl, jwtSecret, nextDailyDigestInstant());
  await waitUntil(() => (recorder.accepted.get(String(ref))?.count ?? 0) - before >= members, {
    timeoutMs: 60 * 60_000,
    intervalMs: 100,
    description: `${members} digests`,
  });
  const seconds = (recorder.accepted.get(String(ref)).last - startedAt) / 1000;
  return { count: members, seconds, perSecond: members / seconds, peakRssMiB: rss.stop(), summary, load };
}
