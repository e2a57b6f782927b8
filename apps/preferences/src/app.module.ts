import { Module } from '@nestjs/common';
import { ConfigModule } from '@notify/config';
import { Topics } from '@notify/contracts';
import { MessagingModule, serviceMessagingOptions } from '@notify/messaging';
import { ObservabilityModule } from '@notify/observability';
import { DatabaseModule } from '@notify/persistence';
import { RateLimitModule } from '@notify/rate-limit';
import { AuthModule } from '@notify/security';
import { PreferencesConfig } from './config/preferences.config';
import { PREFERENCES_MIGRATIONS } from './migrations';
import { PreferencesModule } from './preferences/preferences.module';
import { ProfilesModule } from './profiles/profiles.module';
import { UserSettingsEntity } from './settings/user-settings.entity';
import { UnsubscribeModule } from './unsubscribe/unsubscribe.module';

export const SERVICE_NAME = 'preferences';

@Module({
  imports: [
    ConfigModule.forRoot(PreferencesConfig),
    ObservabilityModule.forRoot({ service: SERVICE_NAME }),
    AuthModule.forRootAsync({
      inject: [PreferencesConfig],
      useFactory: (config: PreferencesConfig) => config.auth,
    }),
    DatabaseModule.forRootAsync({
      inject: [PreferencesConfig],
      useFactory: (config: PreferencesConfig) => ({
        ...config.postgres,
        schema: config.DB_SCHEMA,
        entities: [UserSettingsEntity],
        migrations: PREFERENCES_MIGRATIONS,
        applicationName: SERVICE_NAME,
        poolSize: config.DB_POOL_SIZE,
        timeouts: config.databaseTimeouts,
      }),
    }),
    RateLimitModule.forRootAsync({
      inject: [PreferencesConfig],
      useFactory: (config: PreferencesConfig) => ({ rules: { profile: config.RATE_LIMIT_PROFILE } }),
    }),
    MessagingModule.forRootAsync({
      inject: [PreferencesConfig],
      useFactory: (config: PreferencesConfig) =>
        serviceMessagingOptions(SERVICE_NAME, config, {
          topics: [
            { name: Topics.PreferenceProfiles, deadLetters: false },
            { name: Topics.PlatformActivity },
          ],
        }),
    }),
    ProfilesModule,
    PreferencesModule,
    UnsubscribeModule,
  ],
})
export class AppModule {}
