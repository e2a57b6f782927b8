import { Topics, type CloudEvent } from '@notify/contracts';
import { startServiceUnderTest, type EventTap, type ServiceUnderTest } from '@notify/testing';
import { EventTransport } from '@notify/messaging';
import { AppModule, SERVICE_NAME } from '../../src/app.module';
import { CommunitiesConfig } from '../../src/config/communities.config';

/** Tables whose row counts tell whether a request wrote anything. */
export const WRITTEN_TABLES = [
  'communities',
  'community_moderators',
  'memberships',
  'access_requests',
  'submissions',
  'contents',
  'outbox',
] as const;

export interface CommunitiesTestApp extends ServiceUnderTest {
  /** Everything the service publishes on communities.events.v1 during the suite. */
  published: EventTap;
  /** Produces an event on this suite's moderation.events.v1, as the moderation service would. */
  produceModerationEvent(event: CloudEvent<unknown>, key: string): Promise<void>;
}

/** Boots the whole service in-process against a fresh schema and topics no other suite uses. */
export async function startCommunitiesApp(
  label: string,
  env?: Record<string, string>,
): Promise<CommunitiesTestApp> {
  const service = await startServiceUnderTest({
    service: SERVICE_NAME,
    label,
    env,
    appModule: AppModule,
    transport: EventTransport,
    configClass: CommunitiesConfig,
    writtenTables: WRITTEN_TABLES,
  });
  return {
    ...service,
    published: await service.tap(Topics.CommunityEvents),
    produceModerationEvent: (event, key) => service.produce(Topics.ModerationEvents, event, key),
  };
}
