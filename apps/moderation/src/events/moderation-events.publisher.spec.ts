import { EventTypes, Topics, validatePayload, type ModeratorContact } from '@notify/contracts';
import type { OutboxWriter } from '@notify/messaging';
import { stubTransaction } from '@notify/testing';
import { pendingItem, pendingSubmission } from '../../test/support/unit-fixtures';
import { ModerationEventsPublisher } from './moderation-events.publisher';

const marta: ModeratorContact = { userId: 'mod-1', displayName: 'Marta', contactEmail: 'marta@example.org' };
const decidedAt = new Date('2026-03-02T10:00:00Z');

function setup() {
  const outbox = { publish: jest.fn() } as unknown as jest.Mocked<OutboxWriter>;
  return { outbox, publisher: new ModerationEventsPublisher(outbox) };
}

describe('ModerationEventsPublisher', () => {
  it('announces a rejected access request with the reason and the deciding moderator', async () => {
    const { outbox, publisher } = setup();

    await publisher.decision(stubTransaction, {
      item: pendingItem(),
      verdict: { status: 'rejected', reason: 'Only public buyers' },
      decidedBy: marta,
      decidedAt,
    });

    const [manager, event] = outbox.publish.mock.calls[0];
    expect(manager).toBe(stubTransaction);
    expect(event).toEqual({
      topic: Topics.ModerationEvents,
      type: EventTypes.AccessRequestRejected,
      key: 'c-1',
      data: {
        accessRequestId: 'req-1',
        communityId: 'c-1',
        userId: 'bob',
        decidedBy: marta,
        decidedAt: '2026-03-02T10:00:00.000Z',
        reason: 'Only public buyers',
      },
    });
    await expect(validatePayload(event.type, event.data)).resolves.toBeDefined();
  });

  it('announces an approved submission with its content', async () => {
    const { outbox, publisher } = setup();

    await publisher.decision(stubTransaction, {
      item: pendingSubmission(),
      verdict: { status: 'approved' },
      decidedBy: marta,
      decidedAt,
    });

    const event = outbox.publish.mock.calls[0][1];
    expect(event).toMatchObject({
      type: EventTypes.SubmissionApproved,
      key: 'c-1',
      data: {
        submissionId: 'sub-1',
        authorId: 'alice',
        title: 'Tender guide',
        url: 'https://portal.example.org/content/1',
        excerpt: 'How to write a tender',
        decidedBy: marta,
      },
    });
    await expect(validatePayload(event.type, event.data)).resolves.toBeDefined();
  });

  it('announces a reminder naming the item and who waits', async () => {
    const { outbox, publisher } = setup();

    await publisher.reminderDue(stubTransaction, pendingSubmission());

    const event = outbox.publish.mock.calls[0][1];
    expect(event).toEqual({
      topic: Topics.ModerationEvents,
      type: EventTypes.ReminderDue,
      key: 'c-1',
      data: {
        itemKind: 'submission',
        itemId: 'sub-1',
        communityId: 'c-1',
        pendingSince: '2026-03-01T09:00:00.000Z',
        requesterId: 'alice',
      },
    });
    await expect(validatePayload(event.type, event.data)).resolves.toBeDefined();
  });
});
