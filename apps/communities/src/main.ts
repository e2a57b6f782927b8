import { bootstrapService } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import { AppModule, SERVICE_NAME } from './app.module';
import { CommunitiesConfig } from './config/communities.config';

async function main(): Promise<void> {
  const config = loadConfig(CommunitiesConfig);
  await bootstrapService(AppModule, {
    service: SERVICE_NAME,
    port: config.PORT,
    description: 'Communities, their moderators, memberships, access requests and content submissions.',
  });
}

void main();
