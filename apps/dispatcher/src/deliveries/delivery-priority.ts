import type { TemplateId } from '../templates/template-id';

/**
 * Sending order of immediate deliveries, stored on each row (`deliveries.priority`, lower first): an alert that
 * asks a moderator to act goes before a decision or a mention, which go before community activity, so a large
 * fan-out never holds up the emails someone is waiting for.
 */
export const DELIVERY_PRIORITIES = { action: 0, personal: 1, activity: 2 } as const;
export type DeliveryPriorityClass = keyof typeof DELIVERY_PRIORITIES;
export type DeliveryPriority = (typeof DELIVERY_PRIORITIES)[DeliveryPriorityClass];

// Persisted with each delivery: a template moved to another class changes only the rows planned after.
const CLASS_OF_TEMPLATE: Record<TemplateId, DeliveryPriorityClass> = {
  'access-request.moderator': 'action',
  'submission.moderator': 'action',
  'moderation.reminder': 'action',
  'access-request.acknowledgement': 'personal',
  'access-request.approved': 'personal',
  'access-request.rejected': 'personal',
  'submission.approved': 'personal',
  'submission.rejected': 'personal',
  'activity.mention': 'personal',
  'activity.comment': 'personal',
  'activity.private-message': 'personal',
  'moderation.alert-summary': 'personal',
  digest: 'personal',
  'community.member-joined.moderator': 'activity',
  'community.content-published.moderator': 'activity',
  'activity.content-published': 'activity',
};

export function deliveryPriority(template: TemplateId): DeliveryPriority {
  return DELIVERY_PRIORITIES[CLASS_OF_TEMPLATE[template]];
}

/** Share of every claim kept for each class below the first, so a busy higher class never starves them. */
const LOWER_CLASS_SHARE = 0.2;

/** Due rows of each lower class (personal, activity) that a claim of `batchSize` takes before the rest. */
export function reservedPerLowerClass(batchSize: number): number {
  return Math.floor(batchSize * LOWER_CLASS_SHARE);
}

/**
 * The ids of at most `$1` due pending deliveries, locked for this claim: up to `$3` of each lower class first (its
 * guaranteed share), then the rest by priority and due time. Rows other claims hold are skipped, and nothing is
 * taken unless the `live_lease` row the enclosing statement defines exists.
 */
export const CLAIMABLE_DELIVERIES_SQL = `
  reserved_personal AS MATERIALIZED (
    SELECT id FROM deliveries
     WHERE status = 'pending' AND priority = ${DELIVERY_PRIORITIES.personal} AND next_attempt_at <= now()
       AND EXISTS (SELECT 1 FROM live_lease)
     ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
  ),
  reserved_activity AS MATERIALIZED (
    SELECT id FROM deliveries
     WHERE status = 'pending' AND priority = ${DELIVERY_PRIORITIES.activity} AND next_attempt_at <= now()
       AND EXISTS (SELECT 1 FROM live_lease)
     ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
  ),
  reserved AS (SELECT id FROM reserved_personal UNION ALL SELECT id FROM reserved_activity),
  by_priority AS MATERIALIZED (
    SELECT id FROM deliveries
     WHERE status = 'pending' AND next_attempt_at <= now() AND id NOT IN (SELECT id FROM reserved)
       AND EXISTS (SELECT 1 FROM live_lease)
     ORDER BY priority, next_attempt_at
     LIMIT greatest(0, $1 - (SELECT count(*) FROM reserved))
     FOR UPDATE SKIP LOCKED
  ),
  claimable AS (SELECT id FROM reserved UNION ALL SELECT id FROM by_priority)`;

/** Highest priority first, then the order the rows were claimed in. */
export function byPriority<T extends { priority: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.priority - b.priority);
}
