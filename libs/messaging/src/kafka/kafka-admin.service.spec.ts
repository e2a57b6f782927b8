import { topicConfigs } from './kafka-admin.service';
import { TopicNamer } from './topic-namer';

const DLQ_RETENTION = { name: 'retention.ms', value: String(14 * 24 * 3_600_000) };

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
        numPartitions: 6,
        replicationFactor: 1,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
      {
        topic: 't.preferences.profiles.v1.dlq',
        numPartitions: 6,
        replicationFactor: 1,
        configEntries: [DLQ_RETENTION],
      },
      { topic: 't.communities.events.v1', numPartitions: 6, replicationFactor: 1, configEntries: [] },
      {
        topic: 't.communities.events.v1.dlq',
        numPartitions: 6,
        replicationFactor: 1,
        configEntries: [DLQ_RETENTION],
      },
    ]);
  });

  it('takes partitions and compaction from the contract, and leaves out the dead letters of produced topics', () => {
    const configs = topicConfigs(
      [
        { name: 'platform.activity.v1' },
        { name: 'preferences.profiles.v1', deadLetters: false },
        { name: 'other.v1' },
      ],
      new TopicNamer(''),
      { partitions: 3, replicationFactor: 1 },
    );

    expect(configs.map(({ topic, numPartitions }) => `${topic}:${numPartitions}`)).toEqual([
      'platform.activity.v1:12',
      'platform.activity.v1.dlq:12',
      'preferences.profiles.v1:6',
      'other.v1:3',
      'other.v1.dlq:3',
    ]);
    expect(configs[2].configEntries).toEqual([{ name: 'cleanup.policy', value: 'compact' }]);
  });

  it('keeps writes available with one replica down when replicated', () => {
    const [main, deadLetters] = topicConfigs([{ name: 'communities.events.v1' }], new TopicNamer(''), {
      partitions: 3,
      replicationFactor: 3,
    });

    expect(main.configEntries).toEqual([{ name: 'min.insync.replicas', value: '2' }]);
    expect(deadLetters.configEntries).toContainEqual({ name: 'min.insync.replicas', value: '2' });
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
