import type { EntityManager } from 'typeorm';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { NewDelivery } from '../deliveries/deliveries.repository';
import { ModeratorAlertCap } from './moderator-alert-cap.service';
import type { AlertWindowCount, ModeratorAlertWindowsRepository } from './moderator-alert-windows.repository';

const tx = {} as EntityManager;
const TEN_O_FIVE = new Date('2026-01-05T10:05:00Z');

function alert(recipientUserId: string, overrides: Partial<NewDelivery> = {}): NewDelivery {
  return {
    eventRef: '7',
    recipientUserId,
    recipientRole: 'moderator',
    template: 'submission.moderator',
    category: 'transactional',
    communityId: 'community-1',
    membersOnly: false,
    decision: { status: 'pending' },
    ...overrides,
  };
}

/** Counters as PostgreSQL keeps them: alerts already counted per moderator in the hour. */
function windowsHolding(counted: Record<string, number>) {
  const add = jest.fn((_counts: AlertWindowCount[]) =>
    Promise.resolve((count: AlertWindowCount) => counted[count.userId] ?? 0),
  );
  return { add, repository: { add } as unknown as ModeratorAlertWindowsRepository };
}

describe('ModeratorAlertCap', () => {
  it('holds back the alerts past the cap until the end of their hour, per moderator', async () => {
    const windows = windowsHolding({ 'mod-a': 19, 'mod-b': 0 });
    const cap = new ModeratorAlertCap(
      { MODERATOR_ALERTS_PER_HOUR: 20 } as DispatcherConfig,
      windows.repository,
    );

    const result = await cap.apply(
      [alert('mod-a'), alert('mod-b'), alert('mod-a'), alert('mod-a')].map((delivery) => ({
        delivery,
        occurredAt: TEN_O_FIVE,
      })),
      tx,
    );

    const held = { status: 'held', until: new Date('2026-01-05T11:00:00Z') };
    expect(result.map((delivery) => delivery.decision)).toEqual([
      { status: 'pending' },
      { status: 'pending' },
      held,
      held,
    ]);
    expect(windows.add).toHaveBeenCalledWith(
      [
        { userId: 'mod-a', windowStart: new Date('2026-01-05T10:00:00Z'), added: 3 },
        { userId: 'mod-b', windowStart: new Date('2026-01-05T10:00:00Z'), added: 1 },
      ],
      tx,
    );
  });

  it('counts only alerts that would go out at once, and leaves everything else alone', async () => {
    const windows = windowsHolding({ 'mod-a': 50 });
    const cap = new ModeratorAlertCap(
      { MODERATOR_ALERTS_PER_HOUR: 20 } as DispatcherConfig,
      windows.repository,
    );
    const others = [
      alert('mod-a', { decision: { status: 'skipped', reason: 'no-profile' } }),
      alert('mod-a', { template: 'community.member-joined.moderator', category: 'communityActivity' }),
      alert('user-1', { recipientRole: 'requester', template: 'access-request.acknowledgement' }),
    ];

    const result = await cap.apply(
      others.map((delivery) => ({ delivery, occurredAt: TEN_O_FIVE })),
      tx,
    );

    expect(result).toEqual(others);
    expect(windows.add).not.toHaveBeenCalled();
  });

  it('holds nothing back with a cap of 0', async () => {
    const windows = windowsHolding({ 'mod-a': 500 });
    const cap = new ModeratorAlertCap(
      { MODERATOR_ALERTS_PER_HOUR: 0 } as DispatcherConfig,
      windows.repository,
    );

    const result = await cap.apply([{ delivery: alert('mod-a'), occurredAt: TEN_O_FIVE }], tx);

    expect(result[0].decision).toEqual({ status: 'pending' });
  });
});
