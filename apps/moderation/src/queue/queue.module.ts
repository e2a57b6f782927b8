import { Module } from '@nestjs/common';
import { ModerationItemsRepository } from './moderation-items.repository';
import { QueueController } from './queue.controller';
import { QueueService } from './queue.service';

@Module({
  controllers: [QueueController],
  providers: [ModerationItemsRepository, QueueService],
  exports: [ModerationItemsRepository],
})
export class QueueModule {}
