import { stubTransaction } from '@notify/testing';
import type { MembershipsRepository } from '../communities/memberships.repository';
import type { CommunityEventsPublisher } from '../events/community-events.publisher';
import type { AccessRequest } from '../entities/access-request.entity';
import type { AccessRequestsRepository } from '../memberships/access-requests.repository';
import type { Decision } from '../shared/decision';
import type { Content } from '../entities/content.entity';
import type { ContentsRepository } from '../submissions/contents.repository';
import type { Submission } from '../entities/submission.entity';
import type { SubmissionsRepository } from '../submissions/submissions.repository';
import { ConflictingDecisionError, UnknownDecisionTargetError } from './decision-errors';
import { DecisionsService } from './decisions.service';

const approval: Decision = {
  status: 'approved',
  decidedBy: 'mod-1',
  decidedAt: new Date('2026-03-01T09:00:00Z'),
  reason: null,
};
const rejection: Decision = { ...approval, status: 'rejected', reason: 'Members only from public bodies' };
const request = { id: 'req-1', communityId: 'c-1', userId: 'bob', status: 'approved' } as AccessRequest;
const submission = {
  id: 'sub-1',
  communityId: 'c-1',
  authorId: 'alice',
  title: 'Tender guide',
  url: 'https://portal.example.org/1',
  excerpt: 'Short',
  status: 'approved',
} as Submission;

function setup() {
  const accessRequests = {
    decide: jest.fn(),
    findById: jest.fn(),
  } as unknown as jest.Mocked<AccessRequestsRepository>;
  const memberships = {
    add: jest.fn((_tx, communityId: string, userId: string, joinedVia: string) =>
      Promise.resolve({ communityId, userId, joinedVia, joinedAt: new Date() }),
    ),
  } as unknown as jest.Mocked<MembershipsRepository>;
  const submissions = {
    decide: jest.fn(),
    findById: jest.fn(),
  } as unknown as jest.Mocked<SubmissionsRepository>;
  const contents = {
    publish: jest.fn(() => Promise.resolve({ id: 'content-1' } as Content)),
  } as unknown as jest.Mocked<ContentsRepository>;
  const events = {
    memberJoined: jest.fn(),
    contentPublished: jest.fn(),
  } as unknown as jest.Mocked<CommunityEventsPublisher>;
  const service = new DecisionsService(accessRequests, memberships, submissions, contents, events);
  return { service, accessRequests, memberships, submissions, contents, events };
}

describe('DecisionsService.decideAccessRequest', () => {
  it('makes the requester a member when approved', async () => {
    const { service, accessRequests, memberships, events } = setup();
    accessRequests.decide.mockResolvedValue(request);

    await service.decideAccessRequest(stubTransaction, 'req-1', approval);

    expect(accessRequests.decide).toHaveBeenCalledWith(stubTransaction, 'req-1', approval);
    expect(memberships.add).toHaveBeenCalledWith(stubTransaction, 'c-1', 'bob', 'access-request-approved');
    expect(events.memberJoined).toHaveBeenCalledWith(
      stubTransaction,
      expect.objectContaining({ userId: 'bob', joinedVia: 'access-request-approved' }),
    );
  });

  it('announces nothing when the requester had meanwhile become a member', async () => {
    const { service, accessRequests, memberships, events } = setup();
    accessRequests.decide.mockResolvedValue(request);
    memberships.add.mockResolvedValue(null);

    await service.decideAccessRequest(stubTransaction, 'req-1', approval);

    expect(events.memberJoined).not.toHaveBeenCalled();
  });

  it('only records a rejection', async () => {
    const { service, accessRequests, memberships } = setup();
    accessRequests.decide.mockResolvedValue({ ...request, status: 'rejected' });

    await service.decideAccessRequest(stubTransaction, 'req-1', rejection);

    expect(accessRequests.decide).toHaveBeenCalledWith(stubTransaction, 'req-1', rejection);
    expect(memberships.add).not.toHaveBeenCalled();
  });

  it('changes nothing when the same decision arrives again', async () => {
    const { service, accessRequests, memberships, events } = setup();
    accessRequests.decide.mockResolvedValue(null);
    accessRequests.findById.mockResolvedValue(request);

    await service.decideAccessRequest(stubTransaction, 'req-1', approval);

    expect(memberships.add).not.toHaveBeenCalled();
    expect(events.memberJoined).not.toHaveBeenCalled();
  });

  it('refuses a decision contradicting the recorded one', async () => {
    const { service, accessRequests, memberships } = setup();
    accessRequests.decide.mockResolvedValue(null);
    accessRequests.findById.mockResolvedValue({ ...request, status: 'rejected' });

    await expect(service.decideAccessRequest(stubTransaction, 'req-1', approval)).rejects.toBeInstanceOf(
      ConflictingDecisionError,
    );
    expect(memberships.add).not.toHaveBeenCalled();
  });

  it('refuses a decision on an unknown request', async () => {
    const { service, accessRequests } = setup();
    accessRequests.decide.mockResolvedValue(null);
    accessRequests.findById.mockResolvedValue(null);

    await expect(service.decideAccessRequest(stubTransaction, 'req-x', approval)).rejects.toThrow(
      new UnknownDecisionTargetError('access request', 'req-x'),
    );
  });
});

describe('DecisionsService.decideSubmission', () => {
  it('publishes the content when approved', async () => {
    const { service, submissions, contents, events } = setup();
    submissions.decide.mockResolvedValue(submission);

    await service.decideSubmission(stubTransaction, 'sub-1', approval);

    expect(contents.publish).toHaveBeenCalledWith(stubTransaction, {
      communityId: 'c-1',
      authorId: 'alice',
      title: 'Tender guide',
      url: 'https://portal.example.org/1',
      excerpt: 'Short',
      publishedVia: 'submission-approved',
      submissionId: 'sub-1',
    });
    expect(events.contentPublished).toHaveBeenCalledWith(stubTransaction, { id: 'content-1' });
  });

  it('publishes nothing when rejected', async () => {
    const { service, submissions, contents, events } = setup();
    submissions.decide.mockResolvedValue({ ...submission, status: 'rejected' });

    await service.decideSubmission(stubTransaction, 'sub-1', rejection);

    expect(contents.publish).not.toHaveBeenCalled();
    expect(events.contentPublished).not.toHaveBeenCalled();
  });

  it('publishes once when the approval arrives twice', async () => {
    const { service, submissions, contents } = setup();
    submissions.decide.mockResolvedValueOnce(submission).mockResolvedValueOnce(null);
    submissions.findById.mockResolvedValue(submission);

    await service.decideSubmission(stubTransaction, 'sub-1', approval);
    await service.decideSubmission(stubTransaction, 'sub-1', approval);

    expect(contents.publish).toHaveBeenCalledTimes(1);
  });

  it('refuses a rejection of an approved submission', async () => {
    const { service, submissions } = setup();
    submissions.decide.mockResolvedValue(null);
    submissions.findById.mockResolvedValue(submission);

    await expect(service.decideSubmission(stubTransaction, 'sub-1', rejection)).rejects.toBeInstanceOf(
      ConflictingDecisionError,
    );
  });
});
