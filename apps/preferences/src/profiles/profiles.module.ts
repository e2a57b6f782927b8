import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { ProfileController } from './profile.controller';
import { ProfileService } from './profile.service';
import { UserUpsertedConsumer } from './user-upserted.consumer';

@Module({
  imports: [SettingsModule],
  controllers: [ProfileController, UserUpsertedConsumer],
  providers: [ProfileService],
})
export class ProfilesModule {}
