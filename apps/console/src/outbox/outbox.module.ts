import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutboxController } from './outbox.controller';
import { ParkedOutboxService } from './parked-outbox.service';

@Module({ imports: [AuditModule], controllers: [OutboxController], providers: [ParkedOutboxService] })
export class OutboxModule {}
