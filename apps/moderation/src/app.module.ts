import { Module } from '@nestjs/common';
import { ConfigModule } from '@notify/config';
import { Topics } from '@notify/contracts';
import { MessagingModule, serviceMessagingOptions } from '@notify/messaging';
import { ObservabilityModule } from '@notify/observability';
import { DatabaseModule } from '@notify/persistence';
import { AuthModule } from '@notify/security';
import { ClockModule } from './clock/clock.module';
import { ModerationConfig } from './config/moderation.config';
import { DecisionsModule } from './decisions/decisions.module';
import { ENTITIES } from './entities';
import { ErasureModule } from './erasure/erasure.module';
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
    DatabaseModule.forRootAsync({
      inject: [ModerationConfig],
      useFactory: (config: ModerationConfig) => ({
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
      inject: [ModerationConfig],
      useFactory: (config: ModerationConfig) =>
        serviceMessagingOptions(SERVICE_NAME, config, {
          topics: [
            { name: Topics.ModerationEvents, deadLetters: false },
            { name: Topics.CommunityEvents },
            { name: Topics.PlatformActivity },
          ],
        }),
    }),
    ClockModule,
    QueueModule,
    DecisionsModule,
    IntakeModule,
    RemindersModule,
    ErasureModule,
  ],
})
export class AppModule {}
