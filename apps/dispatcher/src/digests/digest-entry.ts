import type { NotificationCategory } from '@notify/contracts';
import type { NotifiableEvent } from '../policy/notifiable-event';
import type { PortalLinks } from '../templates/portal-links';
import type { TemplateId } from '../templates/template-id';
import type { DigestItemModel } from '../templates/template-models';
import { notificationModel, UnrenderableDeliveryError, type ModelFacts } from '../sending/email-models';

/** One line of a digest, with the section and community it is listed under. */
export interface DigestEntry {
  category: NotificationCategory;
  communityName?: string;
  item: DigestItemModel;
}

/** Builds a digest line; only notifications that follow a frequency reach a digest. */
export function digestEntry(
  template: TemplateId,
  category: NotificationCategory,
  event: NotifiableEvent,
  facts: ModelFacts,
  portal: PortalLinks,
): DigestEntry {
  const request = notificationModel(template, event, facts);
  const occurredAt = event.time;
  switch (request.template) {
    case 'activity.mention':
    case 'activity.comment':
      return {
        category,
        communityName: request.model.communityName,
        item: {
          title: request.model.title,
          url: request.model.url,
          actorName: request.model.actorName,
          excerpt: request.model.excerpt,
          occurredAt,
        },
      };
    case 'activity.private-message':
      return { category, item: { title: request.model.senderName, url: request.model.url, occurredAt } };
    case 'activity.content-published':
    case 'community.content-published.moderator':
      return {
        category,
        communityName: request.model.communityName,
        item: {
          title: request.model.title,
          url: request.model.url,
          actorName: request.model.authorName,
          excerpt: request.model.excerpt,
          occurredAt,
        },
      };
    case 'community.member-joined.moderator':
      return {
        category,
        communityName: request.model.communityName,
        item: {
          title: request.model.memberName,
          url: portal.community(request.model.communityId),
          occurredAt,
        },
      };
    case 'access-request.moderator':
    case 'access-request.acknowledgement':
    case 'access-request.approved':
    case 'access-request.rejected':
    case 'submission.moderator':
    case 'submission.approved':
    case 'submission.rejected':
    case 'moderation.reminder':
    case 'digest':
    case 'moderation.alert-summary':
      throw new UnrenderableDeliveryError(request.template, event.type);
  }
}
