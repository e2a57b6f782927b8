import { Topics, type CloudEvent } from '@notify/contracts';
import { startServiceUnderTest, type EventTap, type ServiceUnderTest } from '@notify/testing';
import { EventTransport } from '@notify/messaging';
import { AppModule, SERVICE_NAME } from '../../src/app.module';
import { CLOCK } from '../../src/clock/clock';
import { ModerationConfig } from '../../src/config/moderation.config';
import { FakeClock } from './fake-clock';

/** Tables whose row counts tell whether a request wrote anything. */
export const WRITTEN_TABLES = ['communities', 'community_moderators', 'moderation_items', 'outbox'] as const;

export interface ModerationTestApp extends ServiceUnderTest {
  clock: FakeClock;
  /** Everything the service publishes on moderation.events.v1 during the suite. */
  published: EventTap;
  /** Produces an event on this suite's communities.events.v1, as the communities service would. */
  produceCommunityEvent(event: CloudEvent<unknown>, key: string): Promise<void>;
}

/** Boots the whole service in-process against a fresh schema, topics no other suite uses and a clock the test moves. */
export async function startModerationApp(
  label: string,
  env: Record<string, string> = {},
): Promise<ModerationTestApp> {
  const clock = new FakeClock();
  const service = await startServiceUnderTest({
    service: SERVICE_NAME,
    label,
    appModule: AppModule,
    transport: EventTransport,
    configClass: ModerationConfig,
    env: { REMINDER_SCAN_INTERVAL: '0', ...env },
    override: (builder) => builder.overrideProvider(CLOCK).useValue(clock),
    writtenTables: WRITTEN_TABLES,
  });
  return {
    ...service,
    clock,
    published: await service.tap(Topics.ModerationEvents),
    produceCommunityEvent: (event, key) => service.produce(Topics.CommunityEvents, event, key),
  };
}
