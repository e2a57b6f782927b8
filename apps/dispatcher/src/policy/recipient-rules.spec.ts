import { EventTypes, type EventDataMap } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { NotifiableEvent, NotifiableEventType } from './notifiable-event';
import { intentsFor, type CommunityFacts, type NotificationIntent } from './recipient-rules';

const OPEN: CommunityFacts = { visibility: 'open' };
const RESTRICTED: CommunityFacts = { visibility: 'restricted' };
const moderator = 'user-moderator-1';
const actor = 'user-actor-1';

function event<T extends NotifiableEventType>(type: T, data: Partial<EventDataMap[T]> = {}): NotifiableEvent {
  const sample = sampleCloudEvent(type);
  return { ...sample, data: { ...sample.data, ...data } } as NotifiableEvent;
}

type Expected = Pick<NotificationIntent, 'template' | 'category' | 'audience' | 'membersOnly'> &
  Partial<Pick<NotificationIntent, 'actorUserId'>>;

const moderators = { kind: 'moderators' } as const;
const user = (userId: string, role: 'requester' | 'author' | 'recipient') =>
  ({ kind: 'user', userId, role }) as const;

describe('intentsFor: who receives what', () => {
  const table: [string, NotifiableEvent, CommunityFacts | undefined, Expected[]][] = [
    [
      'a mention in an open community goes to the mentioned user',
      event(EventTypes.MentionCreated),
      OPEN,
      [
        {
          template: 'activity.mention',
          category: 'mentions',
          audience: user('user-1', 'recipient'),
          actorUserId: actor,
          membersOnly: false,
        },
      ],
    ],
    [
      'a mention in a restricted community reaches members only',
      event(EventTypes.MentionCreated),
      RESTRICTED,
      [
        {
          template: 'activity.mention',
          category: 'mentions',
          audience: user('user-1', 'recipient'),
          actorUserId: actor,
          membersOnly: true,
        },
      ],
    ],
    [
      'a mention in a community not known yet is treated as restricted',
      event(EventTypes.MentionCreated),
      undefined,
      [
        {
          template: 'activity.mention',
          category: 'mentions',
          audience: user('user-1', 'recipient'),
          actorUserId: actor,
          membersOnly: true,
        },
      ],
    ],
    [
      'a mention outside any community is not restricted',
      event(EventTypes.MentionCreated, { communityId: undefined }),
      undefined,
      [
        {
          template: 'activity.mention',
          category: 'mentions',
          audience: user('user-1', 'recipient'),
          actorUserId: actor,
          membersOnly: false,
        },
      ],
    ],
    [
      'a comment goes to each recipient',
      event(EventTypes.CommentCreated),
      RESTRICTED,
      [
        {
          template: 'activity.comment',
          category: 'comments',
          audience: user('user-1', 'recipient'),
          actorUserId: actor,
          membersOnly: true,
        },
        {
          template: 'activity.comment',
          category: 'comments',
          audience: user('user-2', 'recipient'),
          actorUserId: actor,
          membersOnly: true,
        },
      ],
    ],
    [
      'a private message goes to its recipient',
      event(EventTypes.MessageCreated),
      undefined,
      [
        {
          template: 'activity.private-message',
          category: 'privateMessages',
          audience: user('user-1', 'recipient'),
          actorUserId: actor,
          membersOnly: false,
        },
      ],
    ],
    [
      'platform content goes to the members as community activity',
      event(EventTypes.PlatformContentPublished),
      OPEN,
      [
        {
          template: 'activity.content-published',
          category: 'communityActivity',
          audience: { kind: 'members', excludeModerators: false },
          actorUserId: actor,
          membersOnly: true,
        },
      ],
    ],
    [
      'an open join informs the moderators, following their community activity frequency',
      event(EventTypes.MemberJoined, { joinedVia: 'open-join' }),
      OPEN,
      [
        {
          template: 'community.member-joined.moderator',
          category: 'communityActivity',
          audience: moderators,
          actorUserId: 'user-1',
          membersOnly: false,
        },
      ],
    ],
    [
      'an approved access request is welcomed by the decision email, not a join alert',
      event(EventTypes.MemberJoined),
      RESTRICTED,
      [],
    ],
    [
      'the creator joining the new community is no news',
      event(EventTypes.MemberJoined, { joinedVia: 'community-created' }),
      OPEN,
      [],
    ],
    [
      'an access request alerts every moderator and acknowledges the requester',
      event(EventTypes.AccessRequested),
      RESTRICTED,
      [
        {
          template: 'access-request.moderator',
          category: 'transactional',
          audience: moderators,
          actorUserId: 'user-1',
          membersOnly: false,
        },
        {
          template: 'access-request.acknowledgement',
          category: 'transactional',
          audience: user('user-1', 'requester'),
          membersOnly: false,
        },
      ],
    ],
    [
      'a submission alerts every moderator',
      event(EventTypes.SubmissionReceived),
      RESTRICTED,
      [
        {
          template: 'submission.moderator',
          category: 'transactional',
          audience: moderators,
          actorUserId: actor,
          membersOnly: false,
        },
      ],
    ],
    [
      'content published at once in an open community informs moderators and the other members',
      event(EventTypes.CommunityContentPublished, { publishedVia: 'open-community' }),
      OPEN,
      [
        {
          template: 'community.content-published.moderator',
          category: 'communityActivity',
          audience: moderators,
          actorUserId: actor,
          membersOnly: false,
        },
        {
          template: 'activity.content-published',
          category: 'communityActivity',
          audience: { kind: 'members', excludeModerators: true },
          actorUserId: actor,
          membersOnly: true,
        },
      ],
    ],
    [
      'an approved submission goes to the members only',
      event(EventTypes.CommunityContentPublished),
      RESTRICTED,
      [
        {
          template: 'activity.content-published',
          category: 'communityActivity',
          audience: { kind: 'members', excludeModerators: false },
          actorUserId: actor,
          membersOnly: true,
        },
      ],
    ],
    [
      'an approval goes to the requester',
      event(EventTypes.AccessRequestApproved),
      RESTRICTED,
      [
        {
          template: 'access-request.approved',
          category: 'transactional',
          audience: user('user-1', 'requester'),
          actorUserId: moderator,
          membersOnly: false,
        },
      ],
    ],
    [
      'a rejection goes to the requester',
      event(EventTypes.AccessRequestRejected),
      RESTRICTED,
      [
        {
          template: 'access-request.rejected',
          category: 'transactional',
          audience: user('user-1', 'requester'),
          actorUserId: moderator,
          membersOnly: false,
        },
      ],
    ],
    [
      'an approved submission is announced to its author',
      event(EventTypes.SubmissionApproved),
      RESTRICTED,
      [
        {
          template: 'submission.approved',
          category: 'transactional',
          audience: user(actor, 'author'),
          actorUserId: moderator,
          membersOnly: false,
        },
      ],
    ],
    [
      'a rejected submission is announced to its author',
      event(EventTypes.SubmissionRejected),
      RESTRICTED,
      [
        {
          template: 'submission.rejected',
          category: 'transactional',
          audience: user(actor, 'author'),
          actorUserId: moderator,
          membersOnly: false,
        },
      ],
    ],
    [
      'a reminder goes to every moderator',
      event(EventTypes.ReminderDue),
      RESTRICTED,
      [
        {
          template: 'moderation.reminder',
          category: 'transactional',
          audience: moderators,
          membersOnly: false,
        },
      ],
    ],
  ];

  it.each(table)('%s', (_name, notifiable, community, expected) => {
    const intents = intentsFor(notifiable, community);

    expect(intents).toHaveLength(expected.length);
    expected.forEach((intent, index) => {
      const { communityId: _communityId, ...decided } = intents[index];
      expect(decided).toEqual({ actorUserId: undefined, ...intent });
    });
  });

  it('keeps the community of the event on every intent', () => {
    const intents = intentsFor(event(EventTypes.AccessRequested, { communityId: 'community-9' }), RESTRICTED);

    expect(intents.map((intent) => intent.communityId)).toEqual(['community-9', 'community-9']);
  });
});
