// Persisted API: topic names are read by services of other teams and by retained data.
// Changing a value needs a new version (`.v2`) and a migration path, never an edit in place.

/** Logical Kafka topic names. A deployment or a test may prepend a prefix to get the physical name. */
export const Topics = {
  /** Ingress written by the platform's own services (content, comments, messaging, users). */
  PlatformActivity: 'platform.activity.v1',
  CommunityEvents: 'communities.events.v1',
  ModerationEvents: 'moderation.events.v1',
  /** Compacted, keyed by user id: each record is the full current profile of one user. */
  PreferenceProfiles: 'preferences.profiles.v1',
  /** Bounce and complaint feedback about sent emails, keyed by email address. */
  EmailFeedback: 'notifications.email-feedback.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.freeze(Object.values(Topics));

/** How a topic is laid out on the cluster. Its dead-letter topic has the same partitions and is never compacted. */
export interface TopicDeclaration {
  partitions: number;
  /** `cleanup.policy=compact`: the topic holds the latest state per key. */
  compacted: boolean;
}

/**
 * The one declaration of every topic's layout: services create topics from it where they may
 * (`KAFKA_CREATE_TOPICS`), and the Strimzi `KafkaTopic` manifests under `deploy/k8s/kafka` are rendered from it.
 * Partitions bound how far a consumer group scales out, so they are sized for the peak, not for launch.
 */
export const TOPIC_DECLARATIONS: Readonly<Record<Topic, TopicDeclaration>> = Object.freeze({
  [Topics.PlatformActivity]: { partitions: 12, compacted: false },
  [Topics.CommunityEvents]: { partitions: 6, compacted: false },
  [Topics.ModerationEvents]: { partitions: 6, compacted: false },
  [Topics.PreferenceProfiles]: { partitions: 6, compacted: true },
  [Topics.EmailFeedback]: { partitions: 3, compacted: false },
});

/** Replicas of every topic in production, and how many must acknowledge a write (`acks=all`). */
export const PRODUCTION_REPLICATION = Object.freeze({ replicas: 3, minInSyncReplicas: 2 });

/** Dead letters are kept long enough to be noticed, fixed and replayed. */
export const DEAD_LETTER_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;

/** Topics whose cleanup policy is `compact`; their dead-letter topics are not compacted. */
export const COMPACTED_TOPICS: readonly Topic[] = Object.freeze(
  ALL_TOPICS.filter((topic) => TOPIC_DECLARATIONS[topic].compacted),
);

export const DEAD_LETTER_SUFFIX = '.dlq';

/** Dead-letter topic of a (logical or physical) topic name. */
export function deadLetterTopic(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isTopic(name: string): name is Topic {
  return (ALL_TOPICS as readonly string[]).includes(name);
}
