import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, communityFactory, stubTransaction } from '@notify/testing';
import type { CommunityDirectoryRepository } from '../directory/community-directory.repository';
import type { ModerationItemsRepository } from '../queue/moderation-items.repository';
import { IntakeService } from './intake.service';

function setup() {
  const directory = { save: jest.fn() } as unknown as jest.Mocked<CommunityDirectoryRepository>;
  const items = {
    addIfAbsent: jest.fn().mockResolvedValue(true),
  } as unknown as jest.Mocked<ModerationItemsRepository>;
  return { directory, items, service: new IntakeService(directory, items) };
}

describe('IntakeService', () => {
  it("keeps a copy of the community's moderators", async () => {
    const { service, directory } = setup();
    const community = communityFactory.build();

    await service.recordCommunity(stubTransaction, community);

    expect(directory.save).toHaveBeenCalledWith(stubTransaction, community);
  });

  it('queues an access request, pending since it was made', async () => {
    const { service, items } = setup();
    const { data } = cloudEventFactory.build(EventTypes.AccessRequested, { message: undefined });

    await service.enqueueAccessRequest(stubTransaction, data);

    expect(items.addIfAbsent).toHaveBeenCalledWith(stubTransaction, {
      kind: 'access-request',
      id: data.accessRequestId,
      communityId: data.communityId,
      requesterId: data.userId,
      message: null,
      title: null,
      url: null,
      excerpt: null,
      pendingSince: new Date(data.requestedAt),
    });
  });

  it('queues a submission with what moderators need to judge it', async () => {
    const { service, items } = setup();
    const { data } = cloudEventFactory.build(EventTypes.SubmissionReceived, { excerpt: 'Short' });

    await service.enqueueSubmission(stubTransaction, data);

    expect(items.addIfAbsent).toHaveBeenCalledWith(stubTransaction, {
      kind: 'submission',
      id: data.submissionId,
      communityId: data.communityId,
      requesterId: data.authorId,
      message: null,
      title: data.title,
      url: data.url,
      excerpt: 'Short',
      pendingSince: new Date(data.submittedAt),
    });
  });

  it('accepts an item it already queued without failing', async () => {
    const { service, items } = setup();
    items.addIfAbsent.mockResolvedValue(false);
    const { data } = cloudEventFactory.build(EventTypes.AccessRequested);

    await expect(service.enqueueAccessRequest(stubTransaction, data)).resolves.toBeUndefined();
  });
});
