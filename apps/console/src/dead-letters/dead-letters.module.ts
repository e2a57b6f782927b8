import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLetterTool } from '@notify/messaging';
import { ConsoleConfig } from '../config/console.config';
import { consoleDeadLetterTool, DeadLettersService } from './dead-letters.service';

@Module({
  imports: [AuditModule],
  controllers: [DeadLettersController],
  providers: [
    { provide: DeadLetterTool, inject: [ConsoleConfig], useFactory: consoleDeadLetterTool },
    DeadLettersService,
  ],
})
export class DeadLettersModule {}
