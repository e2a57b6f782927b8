import { EventTypes, Topics, validatePayload } from '@notify/contracts';
import type { OutboxWriter } from '@notify/messaging';
import { stubTransaction } from '@notify/testing';
import type { AccessRequest } from '../entities/access-request.entity';
import type { Content } from '../entities/content.entity';
import { community } from '../../test/support/unit-fixtures';
import { CommunityEventsPublisher } from './community-events.publisher';

function setup() {
  const outbox = { publish: jest.fn() } as unknown as jest.Mocked<OutboxWriter>;
  return { outbox, publisher: new CommunityEventsPublisher(outbox) };
}

function published(outbox: jest.Mocked<OutboxWriter>) {
  return outbox.publish.mock.calls[0][1];
}

describe('CommunityEventsPublisher', () => {
  it('announces a community with its moderators and their contact, keyed by community id', async () => {
    const { outbox, publisher } = setup();
    const created = community();

    await publisher.communityCreated(stubTransaction, created);

    const event = published(outbox);
    expect(outbox.publish).toHaveBeenCalledWith(stubTransaction, expect.anything());
    expect(event).toEqual({
      topic: Topics.CommunityEvents,
      type: EventTypes.CommunityCreated,
      key: created.id,
      data: {
        communityId: created.id,
        name: created.name,
        visibility: 'restricted',
        moderated: true,
        confidential: false,
        moderators: [{ userId: 'mod-1', displayName: 'Marta', contactEmail: 'marta@example.org' }],
      },
    });
    await expect(validatePayload(event.type, event.data)).resolves.toBeDefined();
  });

  it('leaves out an access request message that was not given', async () => {
    const { outbox, publisher } = setup();
    const request = {
      id: 'req-1',
      communityId: 'c-1',
      userId: 'bob',
      message: null,
      requestedAt: new Date('2026-03-01T09:00:00Z'),
    } as AccessRequest;

    await publisher.accessRequested(stubTransaction, request);

    const event = published(outbox);
    expect(event.data).toEqual({
      accessRequestId: 'req-1',
      communityId: 'c-1',
      userId: 'bob',
      message: undefined,
      requestedAt: '2026-03-01T09:00:00.000Z',
    });
    await expect(validatePayload(event.type, event.data)).resolves.toBeDefined();
  });

  it('names the submission a published content came from', async () => {
    const { outbox, publisher } = setup();
    const content = {
      id: 'content-1',
      communityId: 'c-1',
      authorId: 'alice',
      title: 'Tender guide',
      url: 'https://portal.example.org/1',
      excerpt: null,
      publishedVia: 'submission-approved',
      submissionId: 'sub-1',
    } as Content;

    await publisher.contentPublished(stubTransaction, content);

    const event = published(outbox);
    expect(event).toMatchObject({ type: EventTypes.CommunityContentPublished, key: 'c-1' });
    expect(event.data).toMatchObject({
      contentId: 'content-1',
      publishedVia: 'submission-approved',
      submissionId: 'sub-1',
    });
    await expect(validatePayload(event.type, event.data)).resolves.toBeDefined();
  });
});
