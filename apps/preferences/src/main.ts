import { bootstrapService } from '@notify/bootstrap';
import { ConfigValidationError, loadConfig } from '@notify/config';
import { AppModule, SERVICE_NAME } from './app.module';
import { PreferencesConfig } from './config/preferences.config';

async function main(): Promise<void> {
  const config = loadConfig(PreferencesConfig);
  await bootstrapService(AppModule, {
    service: SERVICE_NAME,
    port: config.PORT,
    description:
      'Notification profile and preferences of each user, published as full state on preferences.profiles.v1, ' +
      'and the signed RFC 8058 one-click unsubscribe endpoint.',
  });
}

main().catch((error: unknown) => {
  // A configuration error already lists every bad variable; a stack trace would only hide that list.
  console.error(error instanceof ConfigValidationError ? error.message : error);
  process.exit(1);
});
