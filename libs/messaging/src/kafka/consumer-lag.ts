import type { Admin } from 'kafkajs';

/**
 * Records a consumer group has yet to handle on the given physical topics: the end offsets minus what the group
 * committed (from the earliest offset where it committed nothing yet). Needs Describe on the group and the topics.
 */
export async function consumerGroupLag(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<number> {
  const [committed, ...ends] = await Promise.all([
    admin.fetchOffsets({ groupId, topics: [...topics] }),
    ...topics.map((topic) => admin.fetchTopicOffsets(topic)),
  ]);
  let lag = 0n;
  topics.forEach((topic, index) => {
    const done = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
    for (const { partition, high, low } of ends[index]) {
      const offset = done.find((entry) => entry.partition === partition)?.offset ?? '-1';
      const from = BigInt(offset) < 0n ? BigInt(low) : BigInt(offset);
      lag += BigInt(high) > from ? BigInt(high) - from : 0n;
    }
  });
  return Number(lag);
}
