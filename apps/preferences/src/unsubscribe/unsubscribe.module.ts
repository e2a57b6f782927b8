import { Module } from '@nestjs/common';
import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import { PreferencesConfig } from '../config/preferences.config';
import { SettingsModule } from '../settings/settings.module';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  imports: [SettingsModule],
  controllers: [UnsubscribeController],
  providers: [
    {
      provide: UnsubscribeTokens,
      inject: [PreferencesConfig],
      useFactory: (config: PreferencesConfig) =>
        new UnsubscribeTokens(new LinkSigner(config.UNSUBSCRIBE_SIGNING_KEYS)),
    },
    UnsubscribeService,
  ],
})
export class UnsubscribeModule {}
