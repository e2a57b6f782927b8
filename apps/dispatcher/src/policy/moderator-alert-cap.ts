import type { TemplateId } from '../templates/template-id';
import { TRANSACTIONAL, type DeliveryCategory } from './delivery-vocabulary';
import type { RecipientRole } from './recipient-rules';

const HOUR_MS = 3_600_000;

/** Persisted as the `reason` of a held alert, which waits (`digest-queued`) for its hour's summary. */
export const ALERT_CAP_REASON = 'moderator-alert-cap';

/** Alerts that ask a moderator to act; they count against the moderator's hourly cap. */
const CAPPED_TEMPLATES: ReadonlySet<TemplateId> = new Set([
  'access-request.moderator',
  'submission.moderator',
  'moderation.reminder',
]);

/** An alert held back until its hour ends, then listed in that hour's summary. */
export interface HeldAlert {
  status: 'held';
  until: Date;
}

export interface AlertWindow {
  start: Date;
  end: Date;
}

export function isCappedAlert(alert: {
  role: RecipientRole;
  category: DeliveryCategory;
  template: TemplateId;
}): boolean {
  return (
    alert.role === 'moderator' && alert.category === TRANSACTIONAL && CAPPED_TEMPLATES.has(alert.template)
  );
}

/**
 * The clock hour an alert counts in: the hour of the event, or of `now` for an event stamped in the future, so a
 * wrong clock elsewhere cannot hold an alert back for longer than an hour.
 */
export function alertWindow(eventTime: Date, now: Date): AlertWindow {
  const at = Math.min(eventTime.getTime(), now.getTime());
  const start = at - (at % HOUR_MS);
  return { start: new Date(start), end: new Date(start + HOUR_MS) };
}

/**
 * For `added` alerts to one moderator in one hour that already held `before` alerts, whether each is held back for
 * the hour's summary: the alerts beyond `cap` are. A cap of 0 holds nothing back.
 */
export function heldBack(cap: number, before: number, added: number): boolean[] {
  return Array.from({ length: added }, (_, index) => cap > 0 && before + index + 1 > cap);
}
