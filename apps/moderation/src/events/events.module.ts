import { Module } from '@nestjs/common';
import { ModerationEventsPublisher } from './moderation-events.publisher';

@Module({
  providers: [ModerationEventsPublisher],
  exports: [ModerationEventsPublisher],
})
export class EventsModule {}
