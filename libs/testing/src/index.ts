export {
  EventTap,
  ofType,
  withKey,
  type EventTapOptions,
  type TappedEvent,
  type TappedEventPredicate,
  type UndecodableRecord,
} from './event-tap';
export {
  createTopics,
  deleteTopicsWithPrefix,
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
export {
  ADMIN_PRINCIPAL,
  createKafkaAccess,
  currentKafkaAccess,
  readClientFile,
  clientsDirectory,
  type KafkaAccess,
  type KafkaClientFile,
} from './kafka-access';
export { testKafka } from './kafka-client';
export { createSuiteTopics } from './suite-topics';
export type { PostgresEndpoint, TestInfra } from './test-infra.types';
export { signTestJwt, type TestJwtClaims } from './test-jwt';
export { TEST_SERVICE_ID, TestTokens, type TestTokenSettings } from './test-tokens';
export { createTestSchema, type TestSchema } from './test-schema';
export {
  expectInvalidConfigurationExit,
  runTypeScriptProcess,
  TYPESCRIPT_REGISTER,
  type FinishedProcess,
  type TypeScriptProcessOptions,
} from './typescript-process';
export {
  startServiceUnderTest,
  type ReplicaOf,
  type ServiceUnderTest,
  type ServiceUnderTestOptions,
} from './service-under-test';
export {
  callEveryRouteWithoutToken,
  expectEveryOperationRequiresAuth,
  type AuthCoverageOptions,
  type UnauthenticatedCall,
} from './unauthenticated-calls';
export {
  recordingDataSource,
  servicePrincipal,
  stubDataSource,
  stubTransaction,
  userPrincipal,
  type TransactionRecord,
} from './unit-doubles';
export { sleep, waitFor, type WaitForOptions } from './wait-for';
export { cloudEventFactory, type CloudEventOverrides } from './builders/cloud-event.factory';
export { sampleCloudEvent, sampleEventData } from './builders/sample-event-data';
export { communityFactory, moderatorFactory } from './builders/community.factory';
export { uniqueEmail, uniqueId } from './builders/unique-id';
export { userProfileFactory } from './builders/user-profile.factory';
