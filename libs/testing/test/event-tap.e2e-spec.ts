import { encodeBinary, EventTypes } from '@notify/contracts';
import {
  cloudEventFactory,
  createTopics,
  EventTap,
  getTestInfra,
  produceMessages,
  uniqueTopicPrefix,
  waitFor,
  withKey,
  type TestInfra,
} from '../src';

function joined(communityId: string, userId: string) {
  return encodeBinary(cloudEventFactory.build(EventTypes.MemberJoined, { communityId, userId }), communityId);
}

describe('EventTap against the real broker', () => {
  let infra: TestInfra;
  let topic: string;
  let tap: EventTap;

  beforeAll(async () => {
    infra = await getTestInfra();
    topic = `${uniqueTopicPrefix('event-tap')}communities.events.v1`;
    await createTopics(infra.kafkaBrokers, [topic], { partitions: 2 });
    // Produced before the tap starts: the tap reads from the beginning, so it must still see it.
    await produceMessages(infra.kafkaBrokers, topic, [joined('c-1', 'u-early')]);
    tap = await EventTap.start(infra.kafkaBrokers, topic, { timeoutMs: 15_000 });
  });

  afterAll(async () => {
    await tap.stop();
  });

  it('collects the decoded events of its topic, including those published before it started', async () => {
    await produceMessages(infra.kafkaBrokers, topic, [joined('c-2', 'u-late')]);

    const early = await tap.waitForEvent(EventTypes.MemberJoined, { userId: 'u-early' });
    const late = await tap.waitFor(withKey('c-2'));

    expect(early).toMatchObject({ key: 'c-1', event: { type: EventTypes.MemberJoined } });
    expect(late.event).toMatchObject({ type: EventTypes.MemberJoined, data: { userId: 'u-late' } });
    expect(tap.matching(EventTypes.MemberLeft)).toEqual([]);
  });

  it('waits until enough events match and returns them in partition order', async () => {
    await produceMessages(infra.kafkaBrokers, topic, [
      joined('c-3', 'u-1'),
      joined('c-3', 'u-2'),
      joined('c-3', 'u-3'),
    ]);

    const events = await tap.waitForCount(withKey('c-3'), 3);

    expect(events.map(({ event }) => event.data.userId)).toEqual(['u-1', 'u-2', 'u-3']);
  });

  it('times out naming what it waited for', async () => {
    const short = await EventTap.start(infra.kafkaBrokers, topic, { timeoutMs: 500 });
    try {
      await expect(short.waitForEvent(EventTypes.MemberLeft, { userId: 'nobody' })).rejects.toThrow(
        `Timed out after 500 ms waiting for ${EventTypes.MemberLeft} with {"userId":"nobody"} on ${topic}`,
      );
    } finally {
      await short.stop();
    }
  });

  it('sets a record that is not a CloudEvent aside instead of failing', async () => {
    await produceMessages(infra.kafkaBrokers, topic, [{ key: 'c-4', value: 'not json' }]);

    const poison = await waitFor(() => tap.undecodable.find(({ key }) => key === 'c-4'), {
      timeoutMs: 15_000,
    });

    expect(poison.reason).toEqual(expect.any(String));
    expect(tap.filter(withKey('c-4'))).toEqual([]);
  });
});
