import type { CommunityVisibility } from '@notify/contracts';
import type { TemplateId } from '../templates/template-id';
import { TRANSACTIONAL, type DeliveryCategory } from './delivery-vocabulary';
import type { NotifiableEvent } from './notifiable-event';

export type RecipientRole = 'moderator' | 'requester' | 'author' | 'recipient' | 'member';

export type Audience =
  | { kind: 'user'; userId: string; role: Exclude<RecipientRole, 'moderator' | 'member'> }
  | { kind: 'moderators' }
  /** Current members of the community; moderators left out when they get their own alert for the same event. */
  | { kind: 'members'; excludeModerators: boolean };

/** One kind of email an event causes, before its audience is resolved into recipients. */
export interface NotificationIntent {
  template: TemplateId;
  category: DeliveryCategory;
  audience: Audience;
  /** The user whose own action caused the event; they are not notified about it. */
  actorUserId?: string;
  communityId?: string;
  /** Restricted content: only current members may receive it, checked again when the email is built. */
  membersOnly: boolean;
}

/** What the rules need to know about the event's community (`undefined` when the dispatcher has not seen it). */
export interface CommunityFacts {
  visibility: CommunityVisibility;
}

/**
 * Who receives what for every notifiable event. Content of a community the dispatcher does not know yet is treated
 * as restricted: it reaches only users known to be members.
 */
export function intentsFor(
  event: NotifiableEvent,
  community: CommunityFacts | undefined,
): NotificationIntent[] {
  const membersOnly = community?.visibility !== 'open';
  switch (event.type) {
    case 'platform.mention.created': {
      const { data } = event;
      return [
        {
          template: 'activity.mention',
          category: 'mentions',
          audience: { kind: 'user', userId: data.recipientUserId, role: 'recipient' },
          actorUserId: data.actor.userId,
          communityId: data.communityId,
          membersOnly: data.communityId !== undefined && membersOnly,
        },
      ];
    }
    case 'platform.comment.created': {
      const { data } = event;
      return data.recipientUserIds.map((userId) => ({
        template: 'activity.comment',
        category: 'comments',
        audience: { kind: 'user', userId, role: 'recipient' },
        actorUserId: data.actor.userId,
        communityId: data.communityId,
        membersOnly: data.communityId !== undefined && membersOnly,
      }));
    }
    case 'platform.message.created': {
      const { data } = event;
      return [
        {
          template: 'activity.private-message',
          category: 'privateMessages',
          audience: { kind: 'user', userId: data.recipientUserId, role: 'recipient' },
          actorUserId: data.sender.userId,
          membersOnly: false,
        },
      ];
    }
    case 'platform.content.published': {
      const { data } = event;
      return [memberActivity(data.communityId, data.author.userId, false)];
    }
    case 'communities.member.joined': {
      const { data } = event;
      if (data.joinedVia !== 'open-join') {
        return [];
      }
      return [moderatorInfo('community.member-joined.moderator', data.communityId, data.userId)];
    }
    case 'communities.access.requested': {
      const { data } = event;
      return [
        moderatorAlert('access-request.moderator', data.communityId, data.userId),
        decisionFor('access-request.acknowledgement', data.communityId, data.userId, 'requester'),
      ];
    }
    case 'communities.submission.received': {
      const { data } = event;
      return [moderatorAlert('submission.moderator', data.communityId, data.authorId)];
    }
    case 'communities.content.published': {
      const { data } = event;
      if (data.publishedVia === 'open-community') {
        return [
          moderatorInfo('community.content-published.moderator', data.communityId, data.authorId),
          memberActivity(data.communityId, data.authorId, true),
        ];
      }
      return [memberActivity(data.communityId, data.authorId, false)];
    }
    case 'moderation.access-request.approved':
      return [
        decisionFor(
          'access-request.approved',
          event.data.communityId,
          event.data.userId,
          'requester',
          event.data.decidedBy.userId,
        ),
      ];
    case 'moderation.access-request.rejected':
      return [
        decisionFor(
          'access-request.rejected',
          event.data.communityId,
          event.data.userId,
          'requester',
          event.data.decidedBy.userId,
        ),
      ];
    case 'moderation.submission.approved':
      return [
        decisionFor(
          'submission.approved',
          event.data.communityId,
          event.data.authorId,
          'author',
          event.data.decidedBy.userId,
        ),
      ];
    case 'moderation.submission.rejected':
      return [
        decisionFor(
          'submission.rejected',
          event.data.communityId,
          event.data.authorId,
          'author',
          event.data.decidedBy.userId,
        ),
      ];
    case 'moderation.reminder.due':
      return [moderatorAlert('moderation.reminder', event.data.communityId)];
  }
}

/** Needs a moderator's action: always at once, cannot be switched off. */
function moderatorAlert(template: TemplateId, communityId: string, actorUserId?: string): NotificationIntent {
  return {
    template,
    category: TRANSACTIONAL,
    audience: { kind: 'moderators' },
    actorUserId,
    communityId,
    membersOnly: false,
  };
}

/** Informs moderators of an open community; follows their community activity frequency. */
function moderatorInfo(template: TemplateId, communityId: string, actorUserId: string): NotificationIntent {
  return {
    template,
    category: 'communityActivity',
    audience: { kind: 'moderators' },
    actorUserId,
    communityId,
    membersOnly: false,
  };
}

function decisionFor(
  template: TemplateId,
  communityId: string,
  userId: string,
  role: 'requester' | 'author',
  decidedBy?: string,
): NotificationIntent {
  return {
    template,
    category: TRANSACTIONAL,
    audience: { kind: 'user', userId, role },
    actorUserId: decidedBy,
    communityId,
    membersOnly: false,
  };
}

/** Community activity is for current members only, whatever the visibility: leaving is how a user stops it. */
function memberActivity(
  communityId: string,
  authorId: string,
  excludeModerators: boolean,
): NotificationIntent {
  return {
    template: 'activity.content-published',
    category: 'communityActivity',
    audience: { kind: 'members', excludeModerators },
    actorUserId: authorId,
    communityId,
    membersOnly: true,
  };
}
