import { canUnsubscribe } from '../sending/unsubscribe-links';
import { notificationModel, UnrenderableDeliveryError, type RenderRequest } from '../sending/email-models';
import type { RenderedEmail, RenderOptions } from '../templates/email-renderer.service';
import type { DeliveryEntity } from './delivery.entity';
import type { NotificationContext } from './notification-context';

/** Why a delivery's email cannot be re-rendered. */
export const PREVIEW_UNAVAILABLE_REASONS = [
  'no-profile',
  'content-erased',
  'event-missing',
  'unrenderable',
] as const;
export type PreviewUnavailableReason = (typeof PREVIEW_UNAVAILABLE_REASONS)[number];

interface PreviewHeader {
  deliveryId: string;
  template: DeliveryEntity['template'];
  status: DeliveryEntity['status'];
  /** The item went out as a line of a digest; the preview shows it as its own email would read. */
  digestItem: boolean;
}

export type DeliveryPreview =
  | (PreviewHeader & { available: true; language: string; subject: string; html: string; text: string })
  | (PreviewHeader & { available: false; reason: PreviewUnavailableReason });

/** Inert stand-in for the signed unsubscribe link: a re-render never mints a working token. */
export const PREVIEW_UNSUBSCRIBE_URL = 'https://unsubscribe.invalid/re-rendered-preview';

export type RenderFn = (request: RenderRequest, locale: string, options: RenderOptions) => RenderedEmail;

/**
 * Renders a delivery's email again from its stored event and today's read models (recipient's language, time
 * zone and name, community name and confidentiality), with the same model builder and templates as sending.
 */
export function previewDelivery(
  row: DeliveryEntity,
  context: NotificationContext,
  render: RenderFn,
): DeliveryPreview {
  const header: PreviewHeader = {
    deliveryId: row.id,
    template: row.template,
    status: row.status,
    digestItem: row.frequency !== null || row.digestId !== null,
  };
  const unavailable = (reason: PreviewUnavailableReason): DeliveryPreview => ({
    ...header,
    available: false,
    reason,
  });
  const event = context.event(row);
  const recipient = context.recipient(row);
  if (!event) {
    return unavailable('event-missing');
  }
  if (Object.keys(event.data).length === 0) {
    return unavailable('content-erased');
  }
  if (!recipient) {
    return unavailable('no-profile');
  }
  let request: RenderRequest;
  try {
    request = notificationModel(row.template, event, context.facts(row, recipient.name));
  } catch (error) {
    if (error instanceof UnrenderableDeliveryError) {
      return unavailable('unrenderable');
    }
    throw error;
  }
  const email = render(request, recipient.locale, {
    unsubscribeUrl: canUnsubscribe(row.category) ? PREVIEW_UNSUBSCRIBE_URL : undefined,
    timeZone: recipient.timeZone,
  });
  return { ...header, available: true, ...email };
}
