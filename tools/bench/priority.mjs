#!/usr/bin/env node
// `npm run bench:priority [-- --members=50000 --rate=200 --requests=3 --no-build --label=<text>]`: a moderator's access-request
// alert while a community's activity fan-out drains at the account's send rate. Starts the services like the bench,
// with the dispatcher at SES_MAX_SEND_RATE=--rate, fans one piece of content out to --members members who want
// activity at once, waits until the backlog is draining, then sends --requests access requests (one at a time) to a
// restricted community and times each from its event to the emulator's acceptance of the moderator's email.
import { randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { buildServices, workspaceRoot } from '../start/services.mjs';
import { contentPublished, seedCommunity } from './fan-out.mjs';
import { allAccepted, refCounter, waitUntil } from './measurements.mjs';
import { connectPlatform } from './platform.mjs';
import { loadAverage } from './proc.mjs';
import { startSesRecorder } from './ses-recorder.mjs';
import { numericArgument, runWithCleanups, taggedLog } from './standalone.mjs';
import { postgresConfig, startBenchSystem } from './system.mjs';

const members = numericArgument('members', 50_000);
const rate = numericArgument('rate', 200);
const requests = numericArgument('requests', 3);
// `--label=<text>`: results in bench/results/<date>-<commit>-priority-<text>.json, so repeats are all kept.
const label = process.argv.find((argument) => argument.startsWith('--label='))?.slice('--label='.length);

const log = taggedLog('priority');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanups = [];

/** A restricted community in the dispatcher's read models whose one moderator has a profile. */
async function seedModeratedCommunity(db, runId) {
  const communityId = `bench-${runId}-restricted`;
  const moderator = {
    userId: `bench-${runId}-moderator`,
    displayName: 'Bench Moderator',
    contactEmail: `bench-${runId}-moderator@bench.example.test`,
  };
  await db.query(
    `INSERT INTO communities (community_id, name, visibility, moderated, confidential, moderators, changed_at)
     VALUES ($1, $1, 'restricted', true, false, $2, now())`,
    [communityId, JSON.stringify([moderator])],
  );
  await db.query(
    `INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments, private_messages,
                           community_activity, revision)
     SELECT user_id, user_id || '@bench.example.test', user_id, 'en', 'UTC', 'immediately', 'immediately',
            'immediately', 'daily', 1
       FROM unnest($1::varchar[]) AS user_id`,
    [[moderator.userId, ...Array.from({ length: requests }, (_, n) => `bench-${runId}-requester${n}`)]],
  );
  return communityId;
}

/** The access request's message carries `benchref<n>x`, which the moderator's email quotes. */
function accessRequested(communityId, userId, ref) {
  return {
    type: 'communities.access.requested',
    key: communityId,
    data: {
      accessRequestId: `bench-request-${ref}`,
      communityId,
      userId,
      message: `Please let me join benchref${ref}x`,
      requestedAt: new Date().toISOString(),
    },
  };
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    buildServices();
  }
  const load = loadAverage();
  const runId = randomBytes(3).toString('hex');
  const recorder = await startSesRecorder(process.env.SES_ENDPOINT ?? 'http://127.0.0.1:8005');
  cleanups.push(() => recorder.close());
  log(`run ${runId}: starting the services, the dispatcher sending at ${rate}/s`);
  const system = await startBenchSystem({
    runId,
    sesEndpoint: recorder.endpoint,
    overrides: { dispatcher: { SES_MAX_SEND_RATE: String(rate) } },
  });
  cleanups.unshift(() => system.stop());
  const db = new pg.Client(postgresConfig());
  await db.connect();
  cleanups.unshift(() => db.end());
  await db.query(`SET search_path TO "${system.schema('dispatcher')}"`);
  const platform = await connectPlatform(system.prefix);
  cleanups.unshift(() => platform.disconnect());
  const admin = await connectPlatform(system.prefix, 'admin');
  cleanups.unshift(() => admin.disconnect());
  const refs = refCounter();

  const activityCommunity = `bench-${runId}-activity`;
  log(`seeding ${members} members who want community activity at once`);
  await seedCommunity(db, { communityId: activityCommunity, members, communityActivity: 'immediately' });
  const restricted = await seedModeratedCommunity(db, runId);
  const [activityRef] = refs(1);
  await platform.publish([{ ...contentPublished(activityCommunity, activityRef), key: activityCommunity }]);
  const sentActivity = () => recorder.accepted.get(String(activityRef))?.count ?? 0;
  await waitUntil(() => sentActivity() >= Math.min(members / 10, 2 * rate), {
    timeoutMs: 300_000,
    intervalMs: 100,
    description: 'the fan-out to be draining',
  });
  log(`fan-out draining: ${sentActivity()} of ${members} activity emails sent`);

  const alerts = [];
  for (let n = 0; n < requests; n += 1) {
    const [ref] = refs(1);
    const event = accessRequested(restricted, `bench-${runId}-requester${n}`, ref);
    const before = sentActivity();
    await admin.publish([event], `${system.prefix}communities.events.v1`);
    await allAccepted(recorder, [ref], 120_000, `access-request alert ${ref}`);
    alerts.push({
      ms: recorder.accepted.get(String(ref)).first - event.time,
      activitySentMeanwhile: sentActivity() - before,
    });
    log(`access request ${n + 1}: ${JSON.stringify(alerts.at(-1))}`);
    await sleep(2000);
  }
  const remaining = members - sentActivity();
  const result = { members, rate, alerts, activityStillToSend: remaining, load };
  const file = save(result);
  process.stdout.write(
    `\nfan-out of ${members} at ${rate}/s: access-request alert to its moderator in ` +
      `${alerts.map((alert) => `${alert.ms} ms`).join(', ')} (activity emails sent meanwhile: ` +
      `${alerts.map((alert) => alert.activitySentMeanwhile).join(', ')}); ${remaining} activity emails still to send\n` +
      `saved to ${file}\n`,
  );
}

function save(result) {
  const directory = path.join(workspaceRoot, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const commit = execSync('git rev-parse --short HEAD', { cwd: workspaceRoot, encoding: 'utf8' }).trim();
  const file = path.join(
    directory,
    `${new Date().toISOString().slice(0, 10)}-${commit}-priority${label ? `-${label}` : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify({ kind: 'priority', commit, ...result }, null, 2)}\n`);
  return path.relative(workspaceRoot, file);
}

runWithCleanups(main, cleanups, log);
