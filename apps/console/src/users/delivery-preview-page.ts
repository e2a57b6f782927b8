import type { DeliveryPreview } from './user-records';

const UNAVAILABLE: Record<NonNullable<DeliveryPreview['reason']>, string> = {
  'no-profile':
    'The recipient has no profile any more (never announced, or erased): the name, language and time zone the ' +
    'email was written with are gone.',
  'content-erased':
    'The content of the event that caused it has been erased by retention; only its id, source and type are kept.',
  'event-missing': 'The event that caused it is no longer stored.',
  unrenderable:
    'Its template does not belong to the event that caused it, so no email can be built from them.',
};

/** The preview shaped for the page: the re-render, or in words why there is none. */
export function toDeliveryPreviewPage(userId: string, preview: DeliveryPreview) {
  const rendering =
    preview.available && preview.html !== undefined
      ? { subject: preview.subject, html: preview.html, text: preview.text, language: preview.language }
      : undefined;
  return {
    userId,
    deliveryId: preview.deliveryId,
    template: preview.template,
    status: preview.status,
    digestItem: preview.digestItem,
    rendering,
    unavailable: rendering ? undefined : UNAVAILABLE[preview.reason ?? 'event-missing'],
  };
}
