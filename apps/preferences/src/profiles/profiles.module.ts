import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { ProfileController } from './profile.controller';
import { ProfileLookupController } from './profile-lookup.controller';
import { ProfileService } from './profile.service';
import { UserUpsertedConsumer } from './user-upserted.consumer';

@Module({
  imports: [SettingsModule],
  controllers: [ProfileController, ProfileLookupController, UserUpsertedConsumer],
  providers: [ProfileService],
})
export class ProfilesModule {}
