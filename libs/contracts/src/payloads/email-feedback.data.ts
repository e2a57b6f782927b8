import { IsIn } from 'class-validator';
import { IsRfc3339DateTime } from '../validation/date-time.validator';
import { IsEmailAddress, IsId, IsText, Optional } from '../validation/field.decorators';
import { Limits } from '../validation/limits';
import { BOUNCE_TYPES, BounceType, EMAIL_STATUSES, EmailStatus } from '../vocabulary';

// Payloads of `notifications.email-feedback.v1`, keyed by email address.

export class EmailBouncedData {
  @IsEmailAddress()
  email!: string;

  @IsIn(BOUNCE_TYPES)
  bounceType!: BounceType;

  /** Id given by the email provider to the message that bounced. */
  @Optional()
  @IsId()
  messageId?: string;

  @Optional()
  @IsText(Limits.diagnostic)
  diagnostic?: string;

  @IsRfc3339DateTime()
  occurredAt!: string;
}

export class EmailComplainedData {
  @IsEmailAddress()
  email!: string;

  @Optional()
  @IsId()
  messageId?: string;

  @IsRfc3339DateTime()
  occurredAt!: string;
}

/** Acceptance, delivery, delay or rejection of one email to one recipient, as the email provider reported it. */
export class EmailStatusReportedData {
  @IsEmailAddress()
  email!: string;

  @IsIn(EMAIL_STATUSES)
  status!: EmailStatus;

  /** Id given by the email provider to the message. */
  @IsId()
  messageId!: string;

  /** The provider's explanation: delay type, rejection reason or rendering error. */
  @Optional()
  @IsText(Limits.diagnostic)
  detail?: string;

  @IsRfc3339DateTime()
  occurredAt!: string;
}
