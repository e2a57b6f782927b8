import { servicePrincipal, userPrincipal } from '@notify/testing';
import { pendingItem } from '../../test/support/unit-fixtures';
import type { ModerationItemsRepository } from './moderation-items.repository';
import { decodeCursor, encodeCursor } from './queue-cursor';
import { QueueService } from './queue.service';

function setup(found = [pendingItem({ id: 'a' }), pendingItem({ id: 'b' }), pendingItem({ id: 'c' })]) {
  const items = {
    pendingPage: jest.fn().mockResolvedValue(found),
  } as unknown as jest.Mocked<ModerationItemsRepository>;
  return { items, service: new QueueService(items) };
}

describe('QueueService.pending', () => {
  it('limits a moderator to the communities they moderate', async () => {
    const { service, items } = setup();

    await service.pending(userPrincipal('mod-1'), { limit: 10, communityId: 'c-1' });

    expect(items.pendingPage).toHaveBeenCalledWith({
      moderatorId: 'mod-1',
      communityId: 'c-1',
      after: undefined,
      limit: 11,
    });
  });

  it('shows a platform service every community', async () => {
    const { service, items } = setup();

    await service.pending(servicePrincipal, { limit: 10 });

    expect(items.pendingPage).toHaveBeenCalledWith(expect.objectContaining({ moderatorId: undefined }));
  });

  it('returns a cursor after the last item shown when more items follow', async () => {
    const { service } = setup();

    const page = await service.pending(userPrincipal('mod-1'), { limit: 2 });

    expect(page.items.map((item) => item.id)).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor ?? '')).toMatchObject({ kind: 'access-request', id: 'b' });
  });

  it('returns no cursor on the last page', async () => {
    const { service } = setup();

    await expect(service.pending(userPrincipal('mod-1'), { limit: 3 })).resolves.toMatchObject({
      nextCursor: null,
    });
  });

  it('continues after the position of the cursor', async () => {
    const { service, items } = setup();
    const position = {
      pendingSince: new Date('2026-03-01T09:00:00Z'),
      kind: 'submission' as const,
      id: 'sub-9',
    };

    await service.pending(userPrincipal('mod-1'), { limit: 5, cursor: encodeCursor(position) });

    expect(items.pendingPage).toHaveBeenCalledWith(expect.objectContaining({ after: position }));
  });
});
