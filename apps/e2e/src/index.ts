export type * from './clients/api-types';
export { expectStatus, httpRequest, type HttpAnswer } from './clients/http';
export { PlatformClient, type EnvelopeMode } from './clients/platform-client';
export { ServiceApis } from './clients/service-apis';
export { expectNoOtherMail, header, htmlOf, Mailbox, recipientOf, SETTLE_MS, textOf } from './mail/mailbox';
export { DispatcherReadModels } from './system/dispatcher-read-models';
export { startSystem, type RunningSystem } from './system/start-system';
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
