import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { SendingModule } from '../sending/sending.module';
import { NotificationContextLoader } from './notification-context.loader';
import { ReadModelsModule } from '../read-models/read-models.module';
import { BatchClaimRepository } from './batch-claim.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryLogController } from './delivery-log.controller';
import { DeliveryLogRepository } from './delivery-log.repository';
import { DeliveryLogService } from './delivery-log.service';
import { DeliveryMetrics } from './delivery-metrics';
import { DeliveryPreviewController } from './delivery-preview.controller';
import { DeliveryPreviewService } from './delivery-preview.service';
import { DeliverySender } from './delivery-sender.service';
import { DeliverySenderWorker } from './delivery-sender.worker';
import { DeliveryWakeups } from './delivery-wakeups';
import { NotificationEventsRepository } from './notification-events.repository';

/** Delivery rows, the immediate sender, the delivery log and its re-rendered previews. */
@Module({
  imports: [ReadModelsModule, SendingModule, ClaimsModule],
  controllers: [DeliveryLogController, DeliveryPreviewController],
  providers: [
    NotificationEventsRepository,
    DeliveriesRepository,
    BatchClaimRepository,
    NotificationContextLoader,
    DeliveryMetrics,
    DeliverySender,
    DeliveryWakeups,
    DeliverySenderWorker,
    DeliveryLogRepository,
    DeliveryLogService,
    DeliveryPreviewService,
  ],
  exports: [NotificationEventsRepository, DeliveriesRepository, NotificationContextLoader, DeliveryMetrics],
})
export class DeliveriesModule {}
