import { Module } from '@nestjs/common';
import { LinkSigner } from '@notify/security';
import { PreferencesConfig } from '../config/preferences.config';
import { SettingsModule } from '../settings/settings.module';
import { UnsubscribeTokens } from './unsubscribe-tokens';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  imports: [SettingsModule],
  controllers: [UnsubscribeController],
  providers: [
    {
      provide: LinkSigner,
      inject: [PreferencesConfig],
      useFactory: (config: PreferencesConfig) => new LinkSigner(config.unsubscribeKeys),
    },
    UnsubscribeTokens,
    UnsubscribeService,
  ],
})
export class UnsubscribeModule {}
