import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { QueueModule } from '../queue/queue.module';
import { CommunityEventsConsumer } from './community-events.consumer';
import { IntakeService } from './intake.service';

@Module({
  imports: [QueueModule, DirectoryModule],
  providers: [IntakeService, CommunityEventsConsumer],
})
export class IntakeModule {}
