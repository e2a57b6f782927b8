export {
  createTopics,
  produceMessages,
  readTopic,
  uniqueTopicPrefix,
  type ProducedMessage,
  type ReadMessage,
  type ReadTopicOptions,
  type TopicSpec,
} from './kafka-topics';
export {
  clearSesStore,
  emailHeader,
  recipientsOf,
  sesMessages,
  waitForEmails,
  type SesEmail,
  type SesQuery,
  type WaitForEmailsOptions,
} from './ses-store';
export { getTestInfra } from './test-infra';
export type { PostgresEndpoint, TestInfra } from './test-infra.types';
export { signTestJwt, type TestJwtClaims } from './test-jwt';
export { createTestSchema, type TestSchema } from './test-schema';
export { sleep, waitFor, type WaitForOptions } from './wait-for';
export { cloudEventFactory, type CloudEventOverrides } from './builders/cloud-event.factory';
export { communityFactory, moderatorFactory } from './builders/community.factory';
export { uniqueEmail, uniqueId } from './builders/unique-id';
export { userProfileFactory } from './builders/user-profile.factory';
