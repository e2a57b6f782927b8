import { topicConfigs } from './kafka-admin.service';
import { TopicNamer } from './topic-namer';

describe('topicConfigs', () => {
  it('creates each topic with its dead-letter topic; only the compacted topic itself is compacted', () => {
    const configs = topicConfigs(
      [
        { name: 'preferences.profiles.v1', compacted: true },
        { name: 'communities.events.v1', partitions: 6 },
      ],
      new TopicNamer('t.'),
      { partitions: 3, replicationFactor: 1 },
    );

    expect(configs).toEqual([
      {
        topic: 't.preferences.profiles.v1',
        numPartitions: 3,
        replicationFactor: 1,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
      { topic: 't.preferences.profiles.v1.dlq', numPartitions: 3, replicationFactor: 1 },
      { topic: 't.communities.events.v1', numPartitions: 6, replicationFactor: 1, configEntries: [] },
      { topic: 't.communities.events.v1.dlq', numPartitions: 6, replicationFactor: 1 },
    ]);
  });
});

describe('TopicNamer', () => {
  it('maps logical names to physical ones and back', () => {
    const namer = new TopicNamer('t-abc.');

    expect(namer.physical('platform.activity.v1')).toBe('t-abc.platform.activity.v1');
    expect(namer.logical('t-abc.platform.activity.v1')).toBe('platform.activity.v1');
    expect(namer.deadLetter('platform.activity.v1')).toBe('t-abc.platform.activity.v1.dlq');
  });
});
