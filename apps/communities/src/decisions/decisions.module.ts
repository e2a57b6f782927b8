import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { EventsModule } from '../events/events.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { DecisionsService } from './decisions.service';
import { ModerationDecisionsConsumer } from './moderation-decisions.consumer';

@Module({
  imports: [CommunitiesModule, MembershipsModule, SubmissionsModule, EventsModule],
  controllers: [ModerationDecisionsConsumer],
  providers: [DecisionsService],
})
export class DecisionsModule {}
