import type { NotifiableEvent } from '../policy/notifiable-event';
import type { PortalLinks } from '../templates/portal-links';
import type { TemplateId } from '../templates/template-id';
import type { AlertSummaryItemModel } from '../templates/template-models';
import { notificationModel, UnrenderableDeliveryError, type ModelFacts } from '../sending/email-models';

/** Builds the summary line of an alert held back by the moderator alert cap. */
export function alertSummaryEntry(
  template: TemplateId,
  event: NotifiableEvent,
  facts: ModelFacts,
  portal: PortalLinks,
): AlertSummaryItemModel {
  const request = notificationModel(template, event, facts);
  const occurredAt = event.time;
  switch (request.template) {
    case 'access-request.moderator': {
      const { model } = request;
      const url = portal.pendingItem('access-request', model.accessRequestId);
      return {
        alertKind: 'access-request',
        title: model.requesterName,
        communityName: model.communityName,
        url,
        occurredAt,
      };
    }
    case 'submission.moderator': {
      const { model } = request;
      const url = portal.pendingItem('submission', model.submissionId);
      return {
        alertKind: 'submission',
        title: model.title,
        communityName: model.communityName,
        url,
        occurredAt,
      };
    }
    case 'moderation.reminder': {
      const { model } = request;
      const title = model.requesterName ?? model.itemId;
      const url = portal.pendingItem(model.itemKind, model.itemId);
      return { alertKind: 'reminder', title, communityName: model.communityName, url, occurredAt };
    }
    case 'access-request.acknowledgement':
    case 'access-request.approved':
    case 'access-request.rejected':
    case 'submission.approved':
    case 'submission.rejected':
    case 'community.member-joined.moderator':
    case 'community.content-published.moderator':
    case 'activity.mention':
    case 'activity.comment':
    case 'activity.private-message':
    case 'activity.content-published':
    case 'digest':
    case 'moderation.alert-summary':
      throw new UnrenderableDeliveryError(request.template, event.type);
  }
}
