import { bootstrapService, runService } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import { EventTransport } from '@notify/messaging';
import { AppModule, SERVICE_NAME } from './app.module';
import { PreferencesConfig } from './config/preferences.config';

void runService(async () => {
  const config = loadConfig(PreferencesConfig);
  await bootstrapService(AppModule, {
    service: SERVICE_NAME,
    port: config.PORT,
    transport: EventTransport,
    logging: config.logging,
    tracing: config.tracing,
    httpTimeouts: config.httpServer,
    description:
      'Notification profile and preferences of each user, published as full state on preferences.profiles.v1, ' +
      'and the signed RFC 8058 one-click unsubscribe endpoint.',
  });
});
