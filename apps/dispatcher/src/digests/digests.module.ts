import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { SendingModule } from '../sending/sending.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { DigestRunner } from './digest-runner.service';
import { AlertSummarySender } from './alert-summary-sender.service';
import { DigestSender } from './digest-sender.service';
import { DigestTicker } from './digest-ticker.service';
import { DigestsController } from './digests.controller';
import { DigestsRepository } from './digests.repository';

/** Daily and weekly digests: scheduling, building and sending. */
@Module({
  imports: [ReadModelsModule, DeliveriesModule, SendingModule, ClaimsModule],
  controllers: [DigestsController],
  providers: [DigestsRepository, DigestSender, AlertSummarySender, DigestRunner, DigestTicker],
})
export class DigestsModule {}
