import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ActivityConsumer } from './activity.consumer';
import { CommunityEventsConsumer } from './community-events.consumer';
import { EventIntake } from './event-intake.service';
import { MemberFanOutRepository } from './member-fan-out.repository';
import { ModerationEventsConsumer } from './moderation-events.consumer';
import { ModeratorAlertCap } from './moderator-alert-cap.service';
import { ModeratorAlertWindowsRepository } from './moderator-alert-windows.repository';
import { NotificationPlanner } from './notification-planner.service';
import { ProfilesConsumer } from './profiles.consumer';

/** Consumes the services' events into read models and delivery rows. */
@Module({
  imports: [ReadModelsModule, DeliveriesModule],
  controllers: [ActivityConsumer, CommunityEventsConsumer, ModerationEventsConsumer, ProfilesConsumer],
  providers: [
    EventIntake,
    NotificationPlanner,
    MemberFanOutRepository,
    ModeratorAlertCap,
    ModeratorAlertWindowsRepository,
  ],
})
export class NotificationsModule {}
