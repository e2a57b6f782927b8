import { loadConfig } from '@notify/config';
import { stubDataSource, stubTransaction } from '@notify/testing';
import type { Clock } from '../clock/clock';
import { ModerationConfig } from '../config/moderation.config';
import type { ModerationEventsPublisher } from '../events/moderation-events.publisher';
import type { ModerationItemsRepository } from '../queue/moderation-items.repository';
import { pendingItem, pendingSubmission } from '../../test/support/unit-fixtures';
import { RemindersService } from './reminders.service';

const now = new Date('2026-03-05T12:00:00Z');

function setup(env: Record<string, string> = {}) {
  const config = loadConfig(ModerationConfig, {
    KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT',
    AUTH_JWT_SECRET: 'x'.repeat(32),
    ...env,
  });
  const items = {
    lockDueForReminder: jest.fn().mockResolvedValue([]),
    markReminded: jest.fn(),
  } as unknown as jest.Mocked<ModerationItemsRepository>;
  const events = { reminderDue: jest.fn() } as unknown as jest.Mocked<ModerationEventsPublisher>;
  const clock: Clock = { now: () => now };
  const service = new RemindersService(stubDataSource(), items, events, config, clock);
  return { service, items, events };
}

describe('RemindersService.remindDue', () => {
  it('reminds of items pending for 48 hours by default, as of the clock', async () => {
    const { service, items } = setup();

    await service.remindDue();

    expect(items.lockDueForReminder).toHaveBeenCalledWith(
      stubTransaction,
      new Date('2026-03-03T12:00:00Z'),
      200,
    );
  });

  it('uses the configured delay and the given instant', async () => {
    const { service, items } = setup({ REMINDER_AFTER: '2h' });

    await service.remindDue(new Date('2026-03-05T08:00:00Z'));

    expect(items.lockDueForReminder).toHaveBeenCalledWith(
      stubTransaction,
      new Date('2026-03-05T06:00:00Z'),
      200,
    );
  });

  it('emits one reminder per due item and marks them in the same transaction', async () => {
    const { service, items, events } = setup();
    const due = [pendingItem(), pendingSubmission()];
    items.lockDueForReminder.mockResolvedValueOnce(due);

    await expect(service.remindDue()).resolves.toBe(2);

    expect(events.reminderDue.mock.calls).toEqual([
      [stubTransaction, due[0]],
      [stubTransaction, due[1]],
    ]);
    expect(items.markReminded).toHaveBeenCalledWith(stubTransaction, due, now);
  });

  it('works through full batches until a partial one', async () => {
    const { service, items, events } = setup({ REMINDER_BATCH_SIZE: '2' });
    items.lockDueForReminder
      .mockResolvedValueOnce([pendingItem({ id: 'a' }), pendingItem({ id: 'b' })])
      .mockResolvedValueOnce([pendingItem({ id: 'c' })]);

    await expect(service.remindDue()).resolves.toBe(3);

    expect(items.lockDueForReminder).toHaveBeenCalledTimes(2);
    expect(events.reminderDue).toHaveBeenCalledTimes(3);
  });

  it('emits nothing when no item is due', async () => {
    const { service, events } = setup();

    await expect(service.remindDue()).resolves.toBe(0);
    expect(events.reminderDue).not.toHaveBeenCalled();
  });
});
