import { Module } from '@nestjs/common';
import { CommunityEventsPublisher } from './community-events.publisher';

@Module({
  providers: [CommunityEventsPublisher],
  exports: [CommunityEventsPublisher],
})
export class EventsModule {}
