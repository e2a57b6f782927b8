import { Module } from '@nestjs/common';
import { UserSettingsRepository } from './user-settings.repository';
import { UserSettingsService } from './user-settings.service';

/** The per-user state (profile and preferences) and its single, publishing write path. */
@Module({
  providers: [UserSettingsRepository, UserSettingsService],
  exports: [UserSettingsService],
})
export class SettingsModule {}
