import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { EventsModule } from '../events/events.module';
import { AccessRequestsRepository } from './access-requests.repository';
import { MembershipsController } from './memberships.controller';
import { MembershipsService } from './memberships.service';

@Module({
  imports: [CommunitiesModule, EventsModule],
  controllers: [MembershipsController],
  providers: [AccessRequestsRepository, MembershipsService],
  exports: [AccessRequestsRepository],
})
export class MembershipsModule {}
