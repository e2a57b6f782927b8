import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { QueueModule } from '../queue/queue.module';
import { CommunityEventsConsumer } from './community-events.consumer';
import { IntakeService } from './intake.service';

@Module({
  imports: [QueueModule, DirectoryModule],
  controllers: [CommunityEventsConsumer],
  providers: [IntakeService],
})
export class IntakeModule {}
