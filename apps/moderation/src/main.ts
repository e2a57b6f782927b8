import { bootstrapService, runService } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import { EventTransport } from '@notify/messaging';
import { AppModule, SERVICE_NAME } from './app.module';
import { ModerationConfig } from './config/moderation.config';

void runService(async () => {
  const config = loadConfig(ModerationConfig);
  await bootstrapService(AppModule, {
    service: SERVICE_NAME,
    port: config.PORT,
    transport: EventTransport,
    logging: config.logging,
    tracing: config.tracing,
    httpTimeouts: config.httpServer,
    description:
      "The moderation queue of access requests and submissions, moderators' decisions and reminders of items left pending.",
  });
});
