import { Topics, type CloudEvent, type PreferenceProfileData } from '@notify/contracts';
import { EventTransport } from '@notify/messaging';
import { LinkSigner, UnsubscribeTokens, type UnsubscribeClaims } from '@notify/security';
import { startServiceUnderTest, type EventTap, type ServiceUnderTest } from '@notify/testing';
import { AppModule, SERVICE_NAME } from '../src/app.module';
import { PreferencesConfig } from '../src/config/preferences.config';

export const CURRENT_KEY = { id: 'k2', secret: 'current-unsubscribe-key-0123456789abcdef' };
export const PREVIOUS_KEY = { id: 'k1', secret: 'previous-unsubscribe-key-0123456789abcdef' };

export interface PreferencesTestApp extends ServiceUnderTest {
  /** Signs with the given key the way the dispatcher does. */
  unsubscribeToken(claims: UnsubscribeClaims, expiresAt: Date, key?: typeof CURRENT_KEY): string;
  /** Produces an event on this suite's platform.activity.v1, as the platform would. */
  produceActivity(event: CloudEvent<unknown>, key: string): Promise<void>;
  /** Every record this suite's service publishes on its profile topic. */
  profiles: EventTap<PreferenceProfileData>;
  /** Outbox rows written for a user: the events published, or about to be, for them. */
  outboxCount(userId: string): Promise<number>;
}

/** Boots the whole service in-process against a fresh schema and topics no other suite uses. */
export async function startPreferencesApp(
  label: string,
  env: Record<string, string> = {},
): Promise<PreferencesTestApp> {
  const service = await startServiceUnderTest({
    service: SERVICE_NAME,
    label,
    appModule: AppModule,
    transport: EventTransport,
    configClass: PreferencesConfig,
    env: {
      UNSUBSCRIBE_SIGNING_KEYS: [CURRENT_KEY, PREVIOUS_KEY]
        .map(({ id, secret }) => `${id}:${secret}`)
        .join(','),
      ...env,
    },
  });
  return {
    ...service,
    unsubscribeToken: (claims, expiresAt, key = CURRENT_KEY) =>
      new UnsubscribeTokens(new LinkSigner([key])).sign(claims, expiresAt),
    produceActivity: (event, key) => service.produce(Topics.PlatformActivity, event, key),
    profiles: await service.tap<PreferenceProfileData>(Topics.PreferenceProfiles),
    outboxCount: (userId) => service.count('SELECT count(*) FROM outbox WHERE message_key = $1', [userId]),
  };
}
