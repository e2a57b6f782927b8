export type * from './clients/api-types';
export { expectStatus, httpRequest, type HttpAnswer } from './clients/http';
export { PlatformClient, type EnvelopeMode } from './clients/platform-client';
export { ServiceApis } from './clients/service-apis';
export { expectNoOtherMail, header, htmlOf, Mailbox, recipientOf, SETTLE_MS, textOf } from './mail/mailbox';
export { DispatcherReadModels } from './system/dispatcher-read-models';
export { OtlpCollector, type CollectedSpan } from './system/otlp-collector';
export { startSystem, type RunningSystem, type ServiceReplica } from './system/start-system';
export { DIGEST_HOUR, REMINDER_AFTER_HOURS, SERVICES, type ServiceName } from './system/system-environment';
export { E2eWorld, type CommunityOptions } from './world/e2e-world';
export { People, type Moderator, type Person, type PersonOptions } from './world/people';
export { hoursAfter, localHour, nextLocalHour } from './time/local-hours';
export {
  expectOneClickUnsubscribe,
  expectSupportAddress,
  expectTransactional,
  unsubscribeUrlOf,
} from './mail/email-expectations';
export { useSystem, type SystemSuite } from './world/system-suite';
export { admitToRestricted } from './world/admissions';
export { mentionsOf } from './world/mention-burst';
export { logSummary, secondsSince } from './world/scenario-summary';
export { takeMailCensus, waitForMailCensus, type MailCensus } from './mail/mail-census';
export { takeMessageCensus, type ExpectedEmail, type MessageCensus } from './mail/message-census';
export {
  countBy,
  DeliveryLedger,
  deliveriesWithoutOneOutcome,
  type DeliveryOutcome,
  type ExpectedDelivery,
} from './system/delivery-ledger';
export { ConsumerGroupWatch, type GroupObservation } from './system/consumer-group-watch';
export { InfraFaults } from './system/infra-faults';
export type { PlatformEvent } from './clients/platform-client';
export type { SystemOptions } from './system/start-system';
export {
  readProfileChanges,
  samePreferences,
  tallyChanges,
  type ChangeTally,
  type ProfileChange,
} from './system/profile-changes';
export { countSearchedColumns, findPersonalData } from './system/personal-data-search';
export {
  findChromium,
  launchChromium,
  newConsoleContext,
  screenshot,
  signInForDevelopment,
  SCREENSHOT_DIR,
} from './browser/console-browser';
export { seriousAccessibilityViolations, type AxeViolation } from './browser/accessibility';
