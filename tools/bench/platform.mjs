// Plays the portal's services on the ingress topic, as the `platform` principal: structured CloudEvents keyed as
// the contract says (a user's events by user id, a community's by community id).
import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { kafkaAs } from './system.mjs';

const SOURCE = 'urn:example:portal-bench';
const STRUCTURED = 'application/cloudevents+json; charset=utf-8';

export function cloudEvent(type, data, time = new Date()) {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: SOURCE,
    type,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/** A record of `entry`, whose event time is now (kept in `entry.time`, epoch ms, with the id in `entry.id`). */
function record(entry) {
  const event = cloudEvent(entry.type, entry.data);
  entry.time = Date.parse(event.time);
  entry.id = event.id;
  return { key: entry.key, value: JSON.stringify(event), headers: { 'content-type': STRUCTURED } };
}

/** A producer as `principal` (`platform` for the ingress topic, as the portal's services write it). */
export async function connectPlatform(prefix, principal = 'platform') {
  const producer = kafkaAs(principal, `bench-${principal}`).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
  });
  await producer.connect();
  const topic = `${prefix}platform.activity.v1`;
  return {
    topic,
    /** `events`: `{ type, key, data }`; sent in one request per 500. */
    async publish(events, to = topic) {
      for (let start = 0; start < events.length; start += 500) {
        const messages = events.slice(start, start + 500).map(record);
        await producer.send({ topic: to, messages });
      }
    },
    disconnect: () => producer.disconnect(),
  };
}

/** The `n`-th bench mention: its content title carries `benchref<n>x`, which the SES recorder reads back. */
export function mention(recipient, n) {
  const id = `bench-${n}`;
  return {
    ref: n,
    type: 'platform.mention.created',
    key: recipient.userId,
    data: {
      mentionId: `mention-${id}`,
      recipientUserId: recipient.userId,
      actor: { userId: 'bench-actor', displayName: 'Bench Actor' },
      content: {
        id: `content-${id}`,
        title: `Tender benchref${n}x`,
        url: `https://portal.example.test/content/${id}`,
      },
      excerpt: `@${recipient.displayName} the joint tender for school meals closes on Friday.`,
    },
  };
}

export function userUpserted(user) {
  return { type: 'platform.user.upserted', key: user.userId, data: user };
}

export function benchUsers(runId, count) {
  return Array.from({ length: count }, (_, index) => ({
    userId: `bench-${runId}-u${index}`,
    email: `bench-${runId}-u${index}@bench.example.test`,
    displayName: `Bench User ${index}`,
    locale: 'en',
    timeZone: 'Europe/Brussels',
  }));
}
