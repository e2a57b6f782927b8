import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  ALL_TOPICS,
  DEAD_LETTER_RETENTION_MS,
  deadLetterTopic,
  PRODUCTION_REPLICATION,
  TOPIC_DECLARATIONS,
} from './topics';

const MANIFEST = path.resolve(__dirname, '../../../deploy/k8s/kafka/kafka-topics.yaml');

/** The KafkaTopic each declared topic and its dead-letter topic must have on the cluster. */
function expectedTopics() {
  return ALL_TOPICS.flatMap((topic) => {
    const { partitions, compacted } = TOPIC_DECLARATIONS[topic];
    const resource = (name: string, config: Record<string, unknown>) => ({
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaTopic',
      metadata: {
        name,
        labels: { 'strimzi.io/cluster': 'notifications', 'app.kubernetes.io/part-of': 'notifications' },
      },
      spec: {
        topicName: name,
        partitions,
        replicas: PRODUCTION_REPLICATION.replicas,
        config: { ...config, 'min.insync.replicas': PRODUCTION_REPLICATION.minInSyncReplicas },
      },
    });
    return [
      resource(topic, compacted ? { 'cleanup.policy': 'compact' } : {}),
      resource(deadLetterTopic(topic), { 'retention.ms': DEAD_LETTER_RETENTION_MS }),
    ];
  });
}

describe('deploy/k8s/kafka/kafka-topics.yaml', () => {
  it('declares exactly the contract topics, with their partitions, replication, compaction and retention', () => {
    const manifests = parseAllDocuments(readFileSync(MANIFEST, 'utf8')).map((document) => document.toJS() as unknown);

    expect(manifests).toEqual(expectedTopics());
  });
});
