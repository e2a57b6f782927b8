import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UserActionsService } from './user-actions.service';
import { UserOverviewService } from './user-overview.service';
import { UsersController } from './users.controller';

@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UserOverviewService, UserActionsService],
})
export class UsersModule {}
