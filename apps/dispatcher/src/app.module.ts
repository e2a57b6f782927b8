import { Module } from '@nestjs/common';
import { ConfigModule } from '@notify/config';
import { Topics } from '@notify/contracts';
import { MessagingModule, serviceMessagingOptions } from '@notify/messaging';
import { ObservabilityModule } from '@notify/observability';
import { DatabaseModule } from '@notify/persistence';
import { AuthModule } from '@notify/security';
import { DispatcherConfig } from './config/dispatcher.config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { DigestsModule } from './digests/digests.module';
import { ENTITIES } from './entities';
import { FeedbackModule } from './feedback/feedback.module';
import { MIGRATIONS } from './migrations';
import { NotificationsModule } from './notifications/notifications.module';
import { RetentionModule } from './retention/retention.module';
import { SuppressionsModule } from './suppressions/suppressions.module';

export const SERVICE_NAME = 'dispatcher';

const CONSUMED_TOPICS = [
  Topics.PlatformActivity,
  Topics.CommunityEvents,
  Topics.ModerationEvents,
  Topics.PreferenceProfiles,
  Topics.EmailFeedback,
];

@Module({
  imports: [
    ConfigModule.forRoot(DispatcherConfig),
    ObservabilityModule.forRoot({ service: SERVICE_NAME }),
    AuthModule.forRootAsync({
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) => config.auth,
    }),
    DatabaseModule.forRootAsync({
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) => ({
        ...config.postgres,
        schema: config.DB_SCHEMA,
        entities: ENTITIES,
        migrations: MIGRATIONS,
        applicationName: SERVICE_NAME,
        poolSize: config.DB_POOL_SIZE,
        timeouts: config.databaseTimeouts,
      }),
    }),
    MessagingModule.forRootAsync({
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) =>
        serviceMessagingOptions(SERVICE_NAME, config, {
          // Prefixed like the topics, so deployments (and test suites) sharing a cluster keep their groups apart.
          groupId: `${config.KAFKA_TOPIC_PREFIX}${config.KAFKA_GROUP_ID}`,
          topics: CONSUMED_TOPICS.map((name) => ({
            name,
            partitions: name === Topics.PlatformActivity ? config.KAFKA_INGRESS_PARTITIONS : undefined,
          })),
          consumer: {
            partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONCURRENCY,
            chunkSize: config.KAFKA_CHUNK_SIZE,
          },
        }),
    }),
    NotificationsModule,
    RetentionModule,
    DeliveriesModule,
    DigestsModule,
    FeedbackModule,
    SuppressionsModule,
  ],
})
export class AppModule {}
