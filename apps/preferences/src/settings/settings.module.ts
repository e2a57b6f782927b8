import { Module } from '@nestjs/common';
import { DatabaseReadiness } from './database.readiness';
import { UserSettingsRepository } from './user-settings.repository';
import { UserSettingsService } from './user-settings.service';

/** The per-user state (profile and preferences) and its single, publishing write path. */
@Module({
  providers: [UserSettingsRepository, UserSettingsService, DatabaseReadiness],
  exports: [UserSettingsService],
})
export class SettingsModule {}
