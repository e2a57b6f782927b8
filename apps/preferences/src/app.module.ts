import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '@notify/config';
import { Topics } from '@notify/contracts';
import { MessagingModule } from '@notify/messaging';
import { ObservabilityModule } from '@notify/observability';
import { createDataSource, typeOrmOptions } from '@notify/persistence';
import { AuthModule } from '@notify/security';
import type { DataSourceOptions } from 'typeorm';
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
    TypeOrmModule.forRootAsync({
      inject: [PreferencesConfig],
      useFactory: (config: PreferencesConfig) =>
        typeOrmOptions({
          ...config.postgres,
          schema: config.DB_SCHEMA,
          entities: [UserSettingsEntity],
          migrations: PREFERENCES_MIGRATIONS,
          applicationName: SERVICE_NAME,
        }),
      dataSourceFactory: (options?: DataSourceOptions) => {
        if (!options) {
          throw new Error('TypeORM options are missing');
        }
        return createDataSource(options);
      },
    }),
    MessagingModule.forRootAsync({
      inject: [PreferencesConfig],
      useFactory: (config: PreferencesConfig) => ({
        clientId: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        source: `urn:notify:${SERVICE_NAME}`,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        // The prefix isolates the consumer group of a deployment (or test suite) sharing the broker.
        groupId: `${config.KAFKA_TOPIC_PREFIX}${SERVICE_NAME}`,
        topics: [{ name: Topics.PreferenceProfiles, compacted: true }, { name: Topics.PlatformActivity }],
      }),
    }),
    ProfilesModule,
    PreferencesModule,
    UnsubscribeModule,
  ],
})
export class AppModule {}
