import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { servicePrincipal, stubDataSource, stubTransaction, userPrincipal } from '@notify/testing';
import type { CommunitiesRepository } from '../communities/communities.repository';
import type { MembershipsRepository } from '../communities/memberships.repository';
import type { CommunityEventsPublisher } from '../events/community-events.publisher';
import { community } from '../../test/support/unit-fixtures';
import type { Content } from '../entities/content.entity';
import type { ContentsRepository } from './contents.repository';
import type { Submission } from '../entities/submission.entity';
import type { SubmissionDraft, SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';

const moderated = community({ moderated: true });
const unmoderated = community({ moderated: false, visibility: 'open' });
const draft: SubmissionDraft = {
  communityId: moderated.id,
  authorId: 'alice',
  title: 'Tender guide',
  url: 'https://portal.example.org/content/1',
  excerpt: null,
};

function setup() {
  const communities = { findById: jest.fn() } as unknown as jest.Mocked<CommunitiesRepository>;
  const memberships = {
    isMember: jest.fn().mockResolvedValue(true),
  } as unknown as jest.Mocked<MembershipsRepository>;
  const submissions = {
    create: jest.fn(() => Promise.resolve({ id: 'sub-1' } as Submission)),
  } as unknown as jest.Mocked<SubmissionsRepository>;
  const contents = {
    publish: jest.fn(() => Promise.resolve({ id: 'content-1' } as Content)),
  } as unknown as jest.Mocked<ContentsRepository>;
  const events = {
    submissionReceived: jest.fn(),
    contentPublished: jest.fn(),
  } as unknown as jest.Mocked<CommunityEventsPublisher>;
  const service = new SubmissionsService(
    stubDataSource(),
    communities,
    memberships,
    submissions,
    contents,
    events,
  );
  return { service, communities, memberships, submissions, contents, events };
}

describe('SubmissionsService.submit', () => {
  it('queues a submission to a moderated community for the moderators', async () => {
    const { service, communities, submissions, contents, events } = setup();
    communities.findById.mockResolvedValue(moderated);

    await expect(service.submit(userPrincipal('alice'), draft)).resolves.toEqual({
      status: 'pending',
      submissionId: 'sub-1',
    });

    expect(submissions.create).toHaveBeenCalledWith(stubTransaction, draft);
    expect(events.submissionReceived).toHaveBeenCalledWith(stubTransaction, { id: 'sub-1' });
    expect(contents.publish).not.toHaveBeenCalled();
  });

  it('publishes content to an unmoderated community at once', async () => {
    const { service, communities, submissions, contents, events } = setup();
    communities.findById.mockResolvedValue(unmoderated);

    await expect(service.submit(userPrincipal('alice'), draft)).resolves.toEqual({
      status: 'published',
      contentId: 'content-1',
    });

    expect(contents.publish).toHaveBeenCalledWith(stubTransaction, {
      ...draft,
      publishedVia: 'open-community',
      submissionId: null,
    });
    expect(events.contentPublished).toHaveBeenCalledWith(stubTransaction, { id: 'content-1' });
    expect(submissions.create).not.toHaveBeenCalled();
  });

  it('forbids an author who is not a member', async () => {
    const { service, communities, memberships, submissions, contents } = setup();
    communities.findById.mockResolvedValue(moderated);
    memberships.isMember.mockResolvedValue(false);

    await expect(service.submit(servicePrincipal, draft)).rejects.toThrow(
      new ForbiddenException(`Author alice is not a member of community ${moderated.id}`),
    );
    expect(submissions.create).not.toHaveBeenCalled();
    expect(contents.publish).not.toHaveBeenCalled();
  });

  it('forbids a user submitting as somebody else', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(moderated);

    await expect(service.submit(userPrincipal('mallory'), draft)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('answers 404 for an unknown community', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(null);

    await expect(service.submit(userPrincipal('alice'), draft)).rejects.toBeInstanceOf(NotFoundException);
  });
});
