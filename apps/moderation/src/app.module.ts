import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '@notify/config';
import { Topics } from '@notify/contracts';
import { MessagingModule } from '@notify/messaging';
import { ObservabilityModule } from '@notify/observability';
import { createDataSource, typeOrmOptions } from '@notify/persistence';
import { AuthModule } from '@notify/security';
import { ClockModule } from './clock/clock.module';
import { ModerationConfig } from './config/moderation.config';
import { DecisionsModule } from './decisions/decisions.module';
import { ENTITIES } from './entities';
import { DatabaseReadiness } from './health/database.readiness';
import { IntakeModule } from './intake/intake.module';
import { MIGRATIONS } from './migrations';
import { QueueModule } from './queue/queue.module';
import { RemindersModule } from './reminders/reminders.module';

export const SERVICE_NAME = 'moderation';

@Module({
  imports: [
    ConfigModule.forRoot(ModerationConfig),
    ObservabilityModule.forRoot({ service: SERVICE_NAME }),
    AuthModule.forRootAsync({
      inject: [ModerationConfig],
      useFactory: (config: ModerationConfig) => config.auth,
    }),
    TypeOrmModule.forRootAsync({
      inject: [ModerationConfig],
      useFactory: (config: ModerationConfig) =>
        typeOrmOptions({
          ...config.postgres,
          schema: config.DB_SCHEMA,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          applicationName: SERVICE_NAME,
        }),
      dataSourceFactory: (options) => createDataSource(options!),
    }),
    MessagingModule.forRootAsync({
      inject: [ModerationConfig],
      useFactory: (config: ModerationConfig) => ({
        clientId: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        source: 'urn:notify:moderation',
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        // Prefixed like the topics, so deployments (and test suites) sharing a cluster keep their groups apart.
        groupId: `${config.KAFKA_TOPIC_PREFIX}${SERVICE_NAME}`,
        topics: [{ name: Topics.CommunityEvents }, { name: Topics.ModerationEvents }],
      }),
    }),
    ClockModule,
    QueueModule,
    DecisionsModule,
    IntakeModule,
    RemindersModule,
  ],
  providers: [DatabaseReadiness],
})
export class AppModule {}
