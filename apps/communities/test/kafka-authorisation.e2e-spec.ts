import { encodeBinary, EventTypes, Topics } from '@notify/contracts';
import { cloudEventFactory, testKafka, uniqueId, waitFor } from '@notify/testing';
import { startCommunitiesApp, type CommunitiesTestApp } from './support/communities-test-app';
import { CommunityRequests } from './support/community-requests';

/** Writes one record to the suite's moderation topic as `principal`; resolves with the broker's refusal, if any. */
async function publishAs(t: CommunitiesTestApp, principal: string, record: ReturnType<typeof encodeBinary>) {
  const producer = testKafka(t.brokers, `authz-${principal}`, principal).producer();
  await producer.connect();
  try {
    await producer.send({ topic: t.topic(Topics.ModerationEvents), acks: -1, messages: [record] });
    return 'accepted';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await producer.disconnect();
  }
}

async function recordsIn(t: CommunitiesTestApp, topic: string): Promise<number> {
  const admin = testKafka(t.brokers, 'authz-offsets').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('communities: only the moderation principal can decide access requests over Kafka', () => {
  let t: CommunitiesTestApp;
  let api: CommunityRequests;

  beforeAll(async () => {
    t = await startCommunitiesApp('authz');
    api = new CommunityRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses an approval forged by a platform service, and no membership appears', async () => {
    const { id, moderator } = await api.create({ visibility: 'restricted', moderated: true });
    const userId = uniqueId('user');
    const joined = await api.join(id, userId, 'let me in');
    expect(joined.status).toBe(202);
    const approval = cloudEventFactory.build(EventTypes.AccessRequestApproved, {
      accessRequestId: joined.body.accessRequestId as string,
      communityId: id,
      userId,
      decidedBy: moderator,
      decidedAt: new Date().toISOString(),
    });
    const members = () =>
      t.count('SELECT count(*) FROM memberships WHERE community_id = $1 AND user_id = $2', [id, userId]);

    await expect(publishAs(t, 'platform', encodeBinary(approval, id))).resolves.toMatch(/not authorized/i);
    // Nothing reached the topic, so nothing can be consumed; the same record from moderation is (control).
    await expect(members()).resolves.toBe(0);
    await expect(publishAs(t, 'moderation', encodeBinary(approval, id))).resolves.toBe('accepted');
    await waitFor(async () => (await members()) === 1, {
      timeoutMs: 30_000,
      description: 'the membership from the genuine approval',
    });
    // The topic holds only the genuine record: the forged one never landed anywhere a consumer could read it.
    await expect(recordsIn(t, t.topic(Topics.ModerationEvents))).resolves.toBe(1);
  });
});
