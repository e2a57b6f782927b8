import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { EventsModule } from '../events/events.module';
import { ContentsRepository } from './contents.repository';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [CommunitiesModule, EventsModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsRepository, ContentsRepository, SubmissionsService],
  exports: [SubmissionsRepository, ContentsRepository],
})
export class SubmissionsModule {}
