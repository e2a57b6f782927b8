import type { NotifiableEvent } from '../policy/notifiable-event';
import type { CommunityEntity } from '../read-models/community.entity';
import type { TemplateId } from '../templates/template-id';
import type { TemplateModels } from '../templates/template-models';

/** A template with the model it renders, kept together so the pair is type-checked. */
export type RenderRequest = { [T in TemplateId]: { template: T; model: TemplateModels[T] } }[TemplateId];

/** What the read models say at build time, beyond the event itself. */
export interface ModelFacts {
  recipientName: string;
  /** `undefined` when the dispatcher does not know the community (yet). */
  community: CommunityEntity | undefined;
  /** Display name of a user the email is about; their id when they have no profile. */
  nameOf(userId: string): string;
}

/** The template does not belong to the event: a delivery row that no code path writes. */
export class UnrenderableDeliveryError extends Error {
  constructor(template: TemplateId, eventType: string) {
    super(`Template ${template} cannot be built from a ${eventType} event`);
    this.name = 'UnrenderableDeliveryError';
  }
}

/** Users whose names the email of this event shows, besides the recipient. */
export function usersNamedBy(event: NotifiableEvent): string[] {
  switch (event.type) {
    case 'communities.access.requested':
    case 'communities.member.joined':
      return [event.data.userId];
    case 'communities.submission.received':
    case 'communities.content.published':
      return [event.data.authorId];
    case 'moderation.reminder.due':
      return [event.data.requesterId];
    case 'platform.mention.created':
    case 'platform.comment.created':
    case 'platform.message.created':
    case 'platform.content.published':
    case 'moderation.access-request.approved':
    case 'moderation.access-request.rejected':
    case 'moderation.submission.approved':
    case 'moderation.submission.rejected':
      return [];
  }
}

/** Builds the model of a single-notification email. */
export function notificationModel(
  template: TemplateId,
  event: NotifiableEvent,
  facts: ModelFacts,
): RenderRequest {
  const { recipientName } = facts;
  switch (event.type) {
    case 'platform.mention.created':
    case 'platform.comment.created': {
      const { data } = event;
      const model = {
        recipientName,
        actorName: data.actor.displayName,
        title: data.content.title,
        url: data.content.url,
        excerpt: excerptFor(data.excerpt, data.communityId, facts),
        communityName: data.communityId ? communityName(data.communityId, facts) : undefined,
      };
      return event.type === 'platform.mention.created'
        ? expect(template, 'activity.mention', event.type, model)
        : expect(template, 'activity.comment', event.type, model);
    }
    case 'platform.message.created':
      return expect(template, 'activity.private-message', event.type, {
        recipientName,
        senderName: event.data.sender.displayName,
        url: event.data.url,
      });
    case 'platform.content.published': {
      const { data } = event;
      return expect(template, 'activity.content-published', event.type, {
        ...community(data.communityId, facts),
        authorName: data.author.displayName,
        title: data.title,
        url: data.url,
        excerpt: excerptFor(data.excerpt, data.communityId, facts),
      });
    }
    case 'communities.content.published': {
      const { data } = event;
      const model = {
        ...community(data.communityId, facts),
        authorName: facts.nameOf(data.authorId),
        title: data.title,
        url: data.url,
        excerpt: excerptFor(data.excerpt, data.communityId, facts),
      };
      return template === 'community.content-published.moderator'
        ? { template, model }
        : expect(template, 'activity.content-published', event.type, model);
    }
    case 'communities.member.joined':
      return expect(template, 'community.member-joined.moderator', event.type, {
        ...community(event.data.communityId, facts),
        memberName: facts.nameOf(event.data.userId),
      });
    case 'communities.access.requested': {
      const { data } = event;
      if (template === 'access-request.acknowledgement') {
        return { template, model: community(data.communityId, facts) };
      }
      return expect(template, 'access-request.moderator', event.type, {
        ...community(data.communityId, facts),
        accessRequestId: data.accessRequestId,
        requesterName: facts.nameOf(data.userId),
        message: data.message,
        requestedAt: data.requestedAt,
      });
    }
    case 'communities.submission.received': {
      const { data } = event;
      return expect(template, 'submission.moderator', event.type, {
        ...community(data.communityId, facts),
        submissionId: data.submissionId,
        authorName: facts.nameOf(data.authorId),
        submittedAt: data.submittedAt,
        title: data.title,
        url: data.url,
        excerpt: excerptFor(data.excerpt, data.communityId, facts),
      });
    }
    case 'moderation.access-request.approved':
      return expect(
        template,
        'access-request.approved',
        event.type,
        community(event.data.communityId, facts),
      );
    case 'moderation.access-request.rejected': {
      const { data } = event;
      return expect(template, 'access-request.rejected', event.type, {
        ...community(data.communityId, facts),
        reason: data.reason,
        moderator: { displayName: data.decidedBy.displayName, contactEmail: data.decidedBy.contactEmail },
      });
    }
    case 'moderation.submission.approved': {
      const { data } = event;
      return expect(template, 'submission.approved', event.type, {
        ...community(data.communityId, facts),
        title: data.title,
        url: data.url,
      });
    }
    case 'moderation.submission.rejected': {
      const { data } = event;
      return expect(template, 'submission.rejected', event.type, {
        ...community(data.communityId, facts),
        title: data.title,
        reason: data.reason,
        moderator: { displayName: data.decidedBy.displayName, contactEmail: data.decidedBy.contactEmail },
      });
    }
    case 'moderation.reminder.due': {
      const { data } = event;
      return expect(template, 'moderation.reminder', event.type, {
        ...community(data.communityId, facts),
        itemKind: data.itemKind,
        itemId: data.itemId,
        pendingSince: data.pendingSince,
        requesterName: facts.nameOf(data.requesterId),
      });
    }
  }
}

function community(
  communityId: string,
  facts: ModelFacts,
): { recipientName: string; communityId: string; communityName: string } {
  return {
    recipientName: facts.recipientName,
    communityId,
    communityName: communityName(communityId, facts),
  };
}

function communityName(communityId: string, facts: ModelFacts): string {
  return facts.community?.name ?? communityId;
}

/** Confidential communities never get excerpts in email; nor does a community not known yet. */
function excerptFor(
  excerpt: string | undefined,
  communityId: string | undefined,
  facts: ModelFacts,
): string | undefined {
  if (communityId === undefined) {
    return excerpt;
  }
  return facts.community && !facts.community.confidential ? excerpt : undefined;
}

function expect<T extends TemplateId>(
  template: TemplateId,
  expected: T,
  eventType: string,
  model: TemplateModels[T],
): RenderRequest {
  if (template !== expected) {
    throw new UnrenderableDeliveryError(template, eventType);
  }
  // TypeScript cannot relate a generic T to its member of the RenderRequest union.
  return { template: expected, model } as RenderRequest;
}
