import { IsIn } from 'class-validator';
import { IsRfc3339DateTime } from '../validation/date-time.validator';
import { IsId, IsText, Nested, Optional } from '../validation/field.decorators';
import { Limits } from '../validation/limits';
import { PENDING_ITEM_KINDS, PendingItemKind } from '../vocabulary';
import { CommunityPostData } from './community-post.data';
import { ModeratorContact } from './shared.data';

// Payloads of `moderation.events.v1`, all keyed by community id.
// `reason` is declared in each subclass: an inherited optional marker would otherwise apply to rejections too.

abstract class AccessRequestDecisionData {
  @IsId()
  accessRequestId!: string;

  @IsId()
  communityId!: string;

  @IsId()
  userId!: string;

  @Nested(() => ModeratorContact)
  decidedBy!: ModeratorContact;

  @IsRfc3339DateTime()
  decidedAt!: string;
}

export class AccessRequestApprovedData extends AccessRequestDecisionData {
  @Optional()
  @IsText(Limits.reason)
  reason?: string;
}

export class AccessRequestRejectedData extends AccessRequestDecisionData {
  @IsText(Limits.reason)
  reason!: string;
}

abstract class SubmissionDecisionData extends CommunityPostData {
  @IsId()
  submissionId!: string;

  @Nested(() => ModeratorContact)
  decidedBy!: ModeratorContact;

  @IsRfc3339DateTime()
  decidedAt!: string;
}

export class SubmissionApprovedData extends SubmissionDecisionData {
  @Optional()
  @IsText(Limits.reason)
  reason?: string;
}

export class SubmissionRejectedData extends SubmissionDecisionData {
  @IsText(Limits.reason)
  reason!: string;
}

/** An access request or submission still pending after the reminder delay; sent once per item. */
export class ReminderDueData {
  @IsIn(PENDING_ITEM_KINDS)
  itemKind!: PendingItemKind;

  @IsId()
  itemId!: string;

  @IsId()
  communityId!: string;

  @IsRfc3339DateTime()
  pendingSince!: string;

  /** The user who asked for access, or the author of the submission. */
  @IsId()
  requesterId!: string;
}
