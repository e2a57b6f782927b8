import { Module } from '@nestjs/common';
import { ConfigModule } from '@notify/config';
import { Topics } from '@notify/contracts';
import { MessagingModule, serviceMessagingOptions } from '@notify/messaging';
import { ObservabilityModule } from '@notify/observability';
import { DatabaseModule } from '@notify/persistence';
import { RateLimitModule } from '@notify/rate-limit';
import { AuthModule } from '@notify/security';
import { CommunitiesModule } from './communities/communities.module';
import { CommunitiesConfig } from './config/communities.config';
import { DecisionsModule } from './decisions/decisions.module';
import { ENTITIES } from './entities';
import { ErasureModule } from './erasure/erasure.module';
import { MembershipsModule } from './memberships/memberships.module';
import { MIGRATIONS } from './migrations';
import { SubmissionsModule } from './submissions/submissions.module';

export const SERVICE_NAME = 'communities';

@Module({
  imports: [
    ConfigModule.forRoot(CommunitiesConfig),
    ObservabilityModule.forRoot({ service: SERVICE_NAME }),
    AuthModule.forRootAsync({
      inject: [CommunitiesConfig],
      useFactory: (config: CommunitiesConfig) => config.auth,
    }),
    DatabaseModule.forRootAsync({
      inject: [CommunitiesConfig],
      useFactory: (config: CommunitiesConfig) => ({
        ...config.postgres,
        schema: config.DB_SCHEMA,
        entities: ENTITIES,
        migrations: MIGRATIONS,
        applicationName: SERVICE_NAME,
        poolSize: config.DB_POOL_SIZE,
        timeouts: config.databaseTimeouts,
      }),
    }),
    RateLimitModule.forRootAsync({
      inject: [CommunitiesConfig],
      useFactory: (config: CommunitiesConfig) => ({
        rules: { join: config.RATE_LIMIT_JOIN, submit: config.RATE_LIMIT_SUBMIT },
      }),
    }),
    MessagingModule.forRootAsync({
      inject: [CommunitiesConfig],
      useFactory: (config: CommunitiesConfig) =>
        serviceMessagingOptions(SERVICE_NAME, config, {
          topics: [
            { name: Topics.CommunityEvents, deadLetters: false },
            { name: Topics.ModerationEvents },
            { name: Topics.PlatformActivity },
          ],
        }),
    }),
    CommunitiesModule,
    MembershipsModule,
    SubmissionsModule,
    DecisionsModule,
    ErasureModule,
  ],
})
export class AppModule {}
