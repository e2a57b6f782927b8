import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '@notify/config';
import { Topics } from '@notify/contracts';
import { MessagingModule } from '@notify/messaging';
import { ObservabilityModule } from '@notify/observability';
import { createDataSource, typeOrmOptions } from '@notify/persistence';
import { AuthModule } from '@notify/security';
import { CommunitiesModule } from './communities/communities.module';
import { CommunitiesConfig } from './config/communities.config';
import { DecisionsModule } from './decisions/decisions.module';
import { ENTITIES } from './entities';
import { DatabaseReadiness } from './health/database.readiness';
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
    TypeOrmModule.forRootAsync({
      inject: [CommunitiesConfig],
      useFactory: (config: CommunitiesConfig) =>
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
      inject: [CommunitiesConfig],
      useFactory: (config: CommunitiesConfig) => ({
        clientId: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        source: 'urn:notify:communities',
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        // Prefixed like the topics, so deployments (and test suites) sharing a cluster keep their groups apart.
        groupId: `${config.KAFKA_TOPIC_PREFIX}${SERVICE_NAME}`,
        topics: [{ name: Topics.CommunityEvents }, { name: Topics.ModerationEvents }],
      }),
    }),
    CommunitiesModule,
    MembershipsModule,
    SubmissionsModule,
    DecisionsModule,
  ],
  providers: [DatabaseReadiness],
})
export class AppModule {}
