import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { ModeratorContact } from '@notify/contracts';
import { servicePrincipal, stubDataSource, stubTransaction, userPrincipal } from '@notify/testing';
import type { Clock } from '../clock/clock';
import type { CommunityDirectoryRepository } from '../directory/community-directory.repository';
import type { ModerationEventsPublisher } from '../events/moderation-events.publisher';
import type { ModerationItemsRepository } from '../queue/moderation-items.repository';
import { pendingItem } from '../../test/support/unit-fixtures';
import { DecisionsService } from './decisions.service';

const now = new Date('2026-03-02T10:00:00Z');
const marta: ModeratorContact = { userId: 'mod-1', displayName: 'Marta', contactEmail: 'marta@example.org' };

function setup() {
  const item = pendingItem();
  const items = {
    findById: jest.fn().mockResolvedValue(item),
    decide: jest.fn(() => Promise.resolve({ ...item, status: 'approved' })),
  } as unknown as jest.Mocked<ModerationItemsRepository>;
  const directory = {
    findModerator: jest.fn((_communityId: string, userId: string) =>
      Promise.resolve(userId === marta.userId ? marta : null),
    ),
  } as unknown as jest.Mocked<CommunityDirectoryRepository>;
  const events = { decision: jest.fn() } as unknown as jest.Mocked<ModerationEventsPublisher>;
  const clock: Clock = { now: () => now };
  const service = new DecisionsService(stubDataSource(), items, directory, events, clock);
  return { service, item, items, directory, events };
}

describe('DecisionsService.decide', () => {
  it('records an approval once and announces it with the moderator contact', async () => {
    const { service, items, events } = setup();

    const outcome = await service.decide(userPrincipal('mod-1'), 'access-request', 'req-1', {
      status: 'approved',
    });

    expect(items.decide).toHaveBeenCalledWith(stubTransaction, 'access-request', 'req-1', {
      status: 'approved',
      decidedAt: now,
      decidedBy: marta,
      reason: null,
    });
    expect(outcome).toMatchObject({ verdict: { status: 'approved' }, decidedBy: marta, decidedAt: now });
    expect(events.decision).toHaveBeenCalledWith(stubTransaction, outcome);
  });

  it('keeps the reason of a rejection', async () => {
    const { service, items, events } = setup();
    const verdict = { status: 'rejected' as const, reason: 'Only for public buyers' };

    await service.decide(userPrincipal('mod-1'), 'submission', 'sub-1', verdict);

    expect(items.decide).toHaveBeenCalledWith(
      stubTransaction,
      'submission',
      'sub-1',
      expect.objectContaining({ reason: 'Only for public buyers' }),
    );
    expect(events.decision).toHaveBeenCalledWith(stubTransaction, expect.objectContaining({ verdict }));
  });

  it('looks the moderator up in the community of the item', async () => {
    const { service, item, directory } = setup();

    await service.decide(userPrincipal('mod-1'), 'access-request', item.id, { status: 'approved' });

    expect(directory.findModerator).toHaveBeenCalledWith('c-1', 'mod-1', stubTransaction);
  });

  it.each([
    ['a member who does not moderate the community', userPrincipal('alice')],
    ['a platform service whose subject is no moderator', servicePrincipal],
  ])('forbids %s', async (_who, principal) => {
    const { service, items, events } = setup();

    await expect(
      service.decide(principal, 'access-request', 'req-1', { status: 'approved' }),
    ).rejects.toThrow(
      new ForbiddenException('Only a moderator of community c-1 may decide on access request req-1'),
    );
    expect(items.decide).not.toHaveBeenCalled();
    expect(events.decision).not.toHaveBeenCalled();
  });

  it('answers 404 for an unknown item', async () => {
    const { service, items } = setup();
    items.findById.mockResolvedValue(null);

    await expect(
      service.decide(userPrincipal('mod-1'), 'submission', 'sub-x', { status: 'approved' }),
    ).rejects.toThrow(new NotFoundException('Submission sub-x not found'));
  });

  it('answers 409 naming the recorded outcome when the item was already decided', async () => {
    const { service, item, items, events } = setup();
    items.decide.mockResolvedValue(null);
    items.findById.mockResolvedValueOnce(item).mockResolvedValueOnce({ ...item, status: 'rejected' });

    await expect(
      service.decide(userPrincipal('mod-1'), 'access-request', 'req-1', { status: 'approved' }),
    ).rejects.toThrow(new ConflictException('Access request req-1 was already rejected'));
    expect(events.decision).not.toHaveBeenCalled();
  });
});
