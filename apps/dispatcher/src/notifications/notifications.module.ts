import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ActivityConsumer } from './activity.consumer';
import { CommunityEventsConsumer } from './community-events.consumer';
import { EventIntake } from './event-intake.service';
import { FanOutJobsRepository } from './fan-out-jobs.repository';
import { FanOutWakeups } from './fan-out-wakeups';
import { FanOutWorker } from './fan-out.worker';
import { MemberFanOutRepository } from './member-fan-out.repository';
import { ModerationEventsConsumer } from './moderation-events.consumer';
import { ModeratorAlertCap } from './moderator-alert-cap.service';
import { ModeratorAlertWindowsRepository } from './moderator-alert-windows.repository';
import { NotificationPlanner } from './notification-planner.service';
import { ProfilesConsumer } from './profiles.consumer';

/** Consumes the services' events into read models and delivery rows; continues large fan-outs after their event. */
@Module({
  imports: [ReadModelsModule, DeliveriesModule, ClaimsModule],
  controllers: [ActivityConsumer, CommunityEventsConsumer, ModerationEventsConsumer, ProfilesConsumer],
  providers: [
    EventIntake,
    NotificationPlanner,
    MemberFanOutRepository,
    FanOutJobsRepository,
    FanOutWakeups,
    FanOutWorker,
    ModeratorAlertCap,
    ModeratorAlertWindowsRepository,
  ],
})
export class NotificationsModule {}
