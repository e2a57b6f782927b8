import type { AuditService } from '../audit/audit.service';
import { UpstreamError } from '../upstream/upstream.client';
import { UserActionsService } from './user-actions.service';
import type { UserOverviewService } from './user-overview.service';

describe('UserActionsService.liftSuppression', () => {
  const operator = { userId: 'operator-olga', roles: ['operator'], canAct: true };

  function actions(lift: () => Promise<void>) {
    const record = jest.fn<Promise<void>, Parameters<AuditService['record']>>().mockResolvedValue();
    const users = { liftSuppression: jest.fn(lift) } as unknown as UserOverviewService;
    return { service: new UserActionsService(users, { record } as unknown as AuditService), record, users };
  }

  it('lifts through the dispatcher and audits who, what and why', async () => {
    const { service, record, users } = actions(() => Promise.resolve());
    await service.liftSuppression(operator, 'a@example.test', 'mailbox restored');
    expect(users.liftSuppression).toHaveBeenCalledWith('a@example.test', 'mailbox restored');
    expect(record).toHaveBeenCalledWith({
      actor: 'operator-olga',
      action: 'suppression.lift',
      target: 'a@example.test',
      reason: 'mailbox restored',
      outcome: 'done',
    });
  });

  it('audits a refused lift as failed and passes the error on', async () => {
    const refusal = new UpstreamError('dispatcher', 404, '{"message":"not suppressed"}');
    const { service, record } = actions(() => Promise.reject(refusal));
    await expect(service.liftSuppression(operator, 'a@example.test', 'why')).rejects.toBe(refusal);
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({ outcome: 'failed', target: 'a@example.test' }),
    );
  });
});
