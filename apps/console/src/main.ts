import { bootstrapService, runService } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import { AppModule, SERVICE_NAME } from './app.module';
import { ConsoleConfig } from './config/console.config';

void runService(async () => {
  const config = loadConfig(ConsoleConfig);
  await bootstrapService(AppModule, {
    service: SERVICE_NAME,
    port: config.PORT,
    logging: config.logging,
    tracing: config.tracing,
    description:
      "Support and operations console: server-rendered pages over the other services' REST APIs, and dead-letter " +
      'replay as the console Kafka principal.',
  });
});
