import { EventTypes, type EventDataMap } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { NotifiableEvent, NotifiableEventType } from '../policy/notifiable-event';
import { communityOf } from '../testing/fixtures';
import { notificationModel, UnrenderableDeliveryError, usersNamedBy, type ModelFacts } from './email-models';

function event<T extends NotifiableEventType>(type: T, data: Partial<EventDataMap[T]> = {}): NotifiableEvent {
  const sample = sampleCloudEvent(type);
  return { ...sample, data: { ...sample.data, ...data } } as NotifiableEvent;
}

const community = communityOf;

const facts = (overrides: Partial<ModelFacts> = {}): ModelFacts => ({
  recipientName: 'Jean',
  community: community(),
  nameOf: (userId) => ({ 'user-1': 'Julie Requester', 'user-actor-1': 'Ada Author' })[userId] ?? userId,
  ...overrides,
});

describe('notificationModel', () => {
  it('gives a mention its excerpt and community', () => {
    expect(notificationModel('activity.mention', event(EventTypes.MentionCreated), facts())).toEqual({
      template: 'activity.mention',
      model: {
        recipientName: 'Jean',
        actorName: 'Ada Author',
        title: 'Joint procurement of school meals',
        url: 'https://platform.example.org/c/1',
        excerpt: 'As @Jean said, the tender closes on Friday.',
        communityName: 'Green buyers',
      },
    });
  });

  it('never gives the excerpt of a confidential community', () => {
    const confidential = facts({ community: community({ confidential: true }) });

    expect(
      notificationModel('activity.comment', event(EventTypes.CommentCreated), confidential).model,
    ).toMatchObject({
      excerpt: undefined,
    });
    expect(
      notificationModel('submission.moderator', event(EventTypes.SubmissionReceived), confidential).model,
    ).toMatchObject({
      excerpt: undefined,
    });
  });

  it('drops the excerpt when the community is not known yet, and names it by its id', () => {
    expect(
      notificationModel('activity.mention', event(EventTypes.MentionCreated), facts({ community: undefined }))
        .model,
    ).toMatchObject({
      excerpt: undefined,
      communityName: 'community-1',
    });
  });

  it('tells a rejected requester the reason and the deciding moderator’s contact', () => {
    expect(
      notificationModel('access-request.rejected', event(EventTypes.AccessRequestRejected), facts()).model,
    ).toEqual({
      recipientName: 'Jean',
      communityId: 'community-1',
      communityName: 'Green buyers',
      reason: 'This community is reserved for contracting authorities.',
      moderator: { displayName: 'Marta Moderator', contactEmail: 'marta@example.org' },
    });
  });

  it('shows moderators who asked to join, with their message', () => {
    expect(
      notificationModel('access-request.moderator', event(EventTypes.AccessRequested), facts()).model,
    ).toMatchObject({
      accessRequestId: 'access-request-1',
      requesterName: 'Julie Requester',
      message: 'I run the tenders for our region.',
    });
  });

  it('builds both emails of an access request from the same event', () => {
    expect(
      notificationModel('access-request.acknowledgement', event(EventTypes.AccessRequested), facts()),
    ).toEqual({
      template: 'access-request.acknowledgement',
      model: { recipientName: 'Jean', communityId: 'community-1', communityName: 'Green buyers' },
    });
  });

  it('refuses a template that does not belong to the event', () => {
    expect(() => notificationModel('submission.approved', event(EventTypes.MentionCreated), facts())).toThrow(
      UnrenderableDeliveryError,
    );
  });
});

describe('usersNamedBy', () => {
  it.each([
    [event(EventTypes.AccessRequested), ['user-1']],
    [event(EventTypes.SubmissionReceived), ['user-actor-1']],
    [event(EventTypes.ReminderDue), ['user-1']],
    [event(EventTypes.MentionCreated), []],
  ])('%#: names the users the email shows', (notifiable, users) => {
    expect(usersNamedBy(notifiable)).toEqual(users);
  });
});
