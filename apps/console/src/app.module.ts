import { Module } from '@nestjs/common';
import { ConfigModule } from '@notify/config';
import { ObservabilityModule } from '@notify/observability';
import { DatabaseModule } from '@notify/persistence';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { AuditModule } from './audit/audit.module';
import { CommunitiesModule } from './communities/communities.module';
import { ConsoleConfig } from './config/console.config';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { CONSOLE_MIGRATIONS } from './migrations';
import { OutboxModule } from './outbox/outbox.module';
import { SessionModule } from './session/session.module';
import { StatusModule } from './status/status.module';
import { TemplatesModule } from './templates/templates.module';
import { UpstreamModule } from './upstream/upstream.module';
import { UsersModule } from './users/users.module';
import { ViewsModule } from './views/views.module';

export const SERVICE_NAME = 'console';

@Module({
  imports: [
    ConfigModule.forRoot(ConsoleConfig),
    ObservabilityModule.forRoot({ service: SERVICE_NAME }),
    DatabaseModule.forRootAsync({
      inject: [ConsoleConfig],
      useFactory: (config: ConsoleConfig) => ({
        ...config.postgres,
        schema: config.DB_SCHEMA,
        entities: [AuditEntryEntity],
        migrations: CONSOLE_MIGRATIONS,
        applicationName: SERVICE_NAME,
        poolSize: config.DB_POOL_SIZE,
      }),
    }),
    ViewsModule,
    UpstreamModule,
    SessionModule,
    AuditModule,
    UsersModule,
    DeadLettersModule,
    CommunitiesModule,
    TemplatesModule,
    OutboxModule,
    StatusModule,
  ],
})
export class AppModule {}
