import { bootstrapService, runService } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import { EventTransport } from '@notify/messaging';
import { AppModule, SERVICE_NAME } from './app.module';
import { CommunitiesConfig } from './config/communities.config';

void runService(async () => {
  const config = loadConfig(CommunitiesConfig);
  await bootstrapService(AppModule, {
    service: SERVICE_NAME,
    port: config.PORT,
    transport: EventTransport,
    logging: config.logging,
    tracing: config.tracing,
    httpTimeouts: config.httpServer,
    description: 'Communities, their moderators, memberships, access requests and content submissions.',
  });
});
