import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { ConsoleUser } from '../session/console-roles';
import { UserOverviewService } from './user-overview.service';

/** Operator actions on a user, each audited whether it worked or not. */
@Injectable()
export class UserActionsService {
  constructor(
    private readonly users: UserOverviewService,
    private readonly audit: AuditService,
  ) {}

  async liftSuppression(actor: ConsoleUser, email: string, reason: string): Promise<void> {
    const entry = { actor: actor.userId, action: 'suppression.lift', target: email, reason } as const;
    try {
      await this.users.liftSuppression(email, reason);
    } catch (error) {
      await this.audit.record({ ...entry, outcome: 'failed', detail: { error: String(error) } });
      throw error;
    }
    await this.audit.record({ ...entry, outcome: 'done' });
  }
}
