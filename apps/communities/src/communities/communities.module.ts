import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { CommunitiesController } from './communities.controller';
import { CommunitiesRepository } from './communities.repository';
import { CommunitiesService } from './communities.service';
import { CommunityAccessPolicy } from './community-access.policy';
import { MembershipsRepository } from './memberships.repository';

@Module({
  imports: [EventsModule],
  controllers: [CommunitiesController],
  providers: [CommunitiesRepository, MembershipsRepository, CommunityAccessPolicy, CommunitiesService],
  exports: [CommunitiesRepository, MembershipsRepository, CommunityAccessPolicy],
})
export class CommunitiesModule {}
