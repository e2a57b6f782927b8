/** Every email the dispatcher can send; each has a structural template and per-locale strings. */
export const TEMPLATE_IDS = [
  'access-request.moderator',
  'access-request.acknowledgement',
  'access-request.approved',
  'access-request.rejected',
  'submission.moderator',
  'submission.approved',
  'submission.rejected',
  'moderation.reminder',
  'community.member-joined.moderator',
  'community.content-published.moderator',
  'activity.mention',
  'activity.comment',
  'activity.private-message',
  'activity.content-published',
  'digest',
  'moderation.alert-summary',
] as const;

export type TemplateId = (typeof TEMPLATE_IDS)[number];

export function isTemplateId(value: string): value is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(value);
}
