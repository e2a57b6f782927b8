import type { NotificationCategory } from '@notify/contracts';

// Persisted: these values are stored in delivery rows and shown in the delivery log.

/** Decisions, acknowledgements and alerts that need action: always sent at once, never switched off. */
export const TRANSACTIONAL = 'transactional';

export type DeliveryCategory = NotificationCategory | typeof TRANSACTIONAL;

export const DELIVERY_STATUSES = [
  'pending',
  'sending',
  'sent',
  'skipped',
  'failed',
  'digest-queued',
  // Reported by the email provider after `sent`, matched on the SES message id.
  'delivered',
  'bounced',
  'complained',
  'delayed',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DIGEST_FREQUENCIES = ['daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** Why a notification was not sent; support reads these in the delivery log. */
export const SKIP_REASONS = [
  'self-action',
  'not-a-member',
  'no-profile',
  'preference-never',
  'suppressed',
  'empty-digest',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Why a notification failed for good. */
export const FAILURE_REASONS = ['rejected-by-provider', 'retries-exhausted', 'unrenderable'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
