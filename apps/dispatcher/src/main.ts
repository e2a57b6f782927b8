import { bootstrapService, runService } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import { EventTransport } from '@notify/messaging';
import { AppModule, SERVICE_NAME } from './app.module';
import { DispatcherConfig } from './config/dispatcher.config';

async function main(): Promise<void> {
  const config = loadConfig(DispatcherConfig);
  await bootstrapService(AppModule, {
    service: SERVICE_NAME,
    port: config.PORT,
    transport: EventTransport,
    logging: config.logging,
    tracing: config.tracing,
    httpTimeouts: config.httpServer,
    description:
      'Turns community events into emails: immediate notifications, daily and weekly digests, and the delivery log.',
  });
}

void runService(main);
