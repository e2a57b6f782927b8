import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, uniqueId, waitFor } from '@notify/testing';
import { startCommunitiesApp, type CommunitiesTestApp } from './support/communities-test-app';
import { CommunityRequests } from './support/community-requests';

describe('communities: submissions and publication (HTTP + Kafka)', () => {
  let t: CommunitiesTestApp;
  let api: CommunityRequests;

  beforeAll(async () => {
    t = await startCommunitiesApp('submissions');
    api = new CommunityRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('holds a submission to a moderated community until approved, then publishes it', async () => {
    const { id, moderator } = await api.create({ visibility: 'open', moderated: true });
    const authorId = uniqueId('author');
    await api.join(id, authorId);
    const submission = {
      authorId,
      title: 'Tender guide',
      url: 'https://portal.example.org/c/1',
      excerpt: 'How to',
    };

    const response = await api.submit(id, submission);
    expect(response.status).toBe(202);
    const submissionId = response.body.submissionId as string;
    const received = await t.published.waitForEvent(EventTypes.SubmissionReceived, { submissionId });
    expect(received.event.data).toMatchObject({ communityId: id, ...submission });
    expect(t.published.matching(EventTypes.CommunityContentPublished, { communityId: id })).toHaveLength(0);

    const { authorId: _author, ...content } = submission;
    await t.produceModerationEvent(
      cloudEventFactory.build(EventTypes.SubmissionApproved, {
        submissionId,
        communityId: id,
        authorId,
        ...content,
        decidedBy: moderator,
        decidedAt: new Date().toISOString(),
      }),
      id,
    );
    const published = await t.published.waitForEvent(EventTypes.CommunityContentPublished, { submissionId });
    expect(published.event.data).toMatchObject({
      communityId: id,
      authorId,
      title: 'Tender guide',
      publishedVia: 'submission-approved',
    });
  });

  it('records a rejected submission and publishes nothing', async () => {
    const { id, moderator } = await api.create({ visibility: 'open', moderated: true });
    const authorId = uniqueId('author');
    await api.join(id, authorId);
    const { status, body } = await api.submit(id, {
      authorId,
      title: 'Supplier list',
      url: 'https://portal.example.org/c/2',
    });
    expect(status).toBe(202);

    const rejected = cloudEventFactory.build(EventTypes.SubmissionRejected, {
      submissionId: body.submissionId,
      communityId: id,
      authorId,
      title: 'Supplier list',
      url: 'https://portal.example.org/c/2',
      decidedBy: moderator,
      reason: 'Please remove the supplier names first',
      decidedAt: new Date().toISOString(),
    });
    await t.produceModerationEvent(rejected, id);

    await waitFor(() => t.consumed(rejected.id), { timeoutMs: 20_000, description: 'the rejection' });
    const [row] = await t.dataSource.query('SELECT status, reason FROM submissions WHERE id = $1', [
      body.submissionId,
    ]);
    expect(row).toEqual({ status: 'rejected', reason: 'Please remove the supplier names first' });
    expect(await t.count('SELECT count(*) FROM contents WHERE submission_id = $1', [body.submissionId])).toBe(
      0,
    );
  });

  it('publishes content to an unmoderated community at once', async () => {
    const { id } = await api.create({ visibility: 'open', moderated: false });
    const authorId = uniqueId('author');
    await api.join(id, authorId);

    const response = await api.submit(id, {
      authorId,
      title: 'Market study',
      url: 'https://portal.example.org/c/3',
    });
    expect(response.status).toBe(201);

    const published = await t.published.waitForEvent(EventTypes.CommunityContentPublished, {
      contentId: response.body.contentId,
    });
    expect(published.event.data).toMatchObject({ communityId: id, authorId, publishedVia: 'open-community' });
    expect(published.event.data).not.toHaveProperty('submissionId');
  });

  it("refuses a non-member's submission and a submission in someone else's name", async () => {
    const { id } = await api.create({ visibility: 'open', moderated: false });
    const member = uniqueId('member');
    await api.join(id, member);
    const outsider = uniqueId('outsider');
    const content = { title: 'Spam', url: 'https://spam.example.org' };

    const notMember = await api.submit(id, { authorId: outsider, ...content });
    const impersonation = await api.submit(id, { authorId: member, ...content }, outsider);

    expect(notMember.status).toBe(403);
    expect(notMember.body.message).toBe(`Author ${outsider} is not a member of community ${id}`);
    expect(impersonation.status).toBe(403);
    expect(await t.count('SELECT count(*) FROM contents WHERE community_id = $1', [id])).toBe(0);
  });
});
