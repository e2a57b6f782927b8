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

/** Topics whose cleanup policy is `compact`; their dead-letter topics are not compacted. */
export const COMPACTED_TOPICS: readonly Topic[] = Object.freeze([Topics.PreferenceProfiles]);

export const DEAD_LETTER_SUFFIX = '.dlq';

/** Dead-letter topic of a (logical or physical) topic name. */
export function deadLetterTopic(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isTopic(name: string): name is Topic {
  return (ALL_TOPICS as readonly string[]).includes(name);
}
