import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsBcp47Locale } from '../validation/locale.validator';
import { IsEmailAddress, IsHttpUrl, IsId, IsText, Nested, Optional } from '../validation/field.decorators';
import { IsIanaTimeZone } from '../validation/time-zone.validator';
import { Limits } from '../validation/limits';
import { ContentRef, UserRef } from './shared.data';

// Payloads of `platform.activity.v1`: the external contract written by the platform's services.

export class UserUpsertedData {
  @IsId()
  userId!: string;

  @IsEmailAddress()
  email!: string;

  @IsText(Limits.displayName)
  displayName!: string;

  @IsBcp47Locale()
  locale!: string;

  @IsIanaTimeZone()
  timeZone!: string;
}

/** A user left the platform: every service erases them within a minute (right to erasure). */
export class UserDeletedData {
  @IsId()
  userId!: string;
}

/** Something a user did on a piece of content, told to the users it concerns. */
abstract class ContentActivityData {
  @Nested(() => UserRef)
  actor!: UserRef;

  @Nested(() => ContentRef)
  content!: ContentRef;

  @Optional()
  @IsId()
  communityId?: string;

  @Optional()
  @IsText(Limits.excerpt)
  excerpt?: string;
}

export class MentionCreatedData extends ContentActivityData {
  @IsId()
  mentionId!: string;

  @IsId()
  recipientUserId!: string;
}

export class CommentCreatedData extends ContentActivityData {
  @IsId()
  commentId!: string;

  // Repeated recipients are collapsed so each one yields a single notification.
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? [...new Set(value)] : value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.commentRecipients)
  @IsId({ each: true })
  recipientUserIds!: string[];
}

/** A private message notice. It never carries the message body: the email only links to the conversation. */
export class MessageCreatedData {
  @IsId()
  messageId!: string;

  @IsId()
  recipientUserId!: string;

  @Nested(() => UserRef)
  sender!: UserRef;

  @IsHttpUrl()
  url!: string;
}

export class PlatformContentPublishedData {
  @IsId()
  contentId!: string;

  @IsId()
  communityId!: string;

  @Nested(() => UserRef)
  author!: UserRef;

  @IsText(Limits.title)
  title!: string;

  @IsHttpUrl()
  url!: string;

  @Optional()
  @IsText(Limits.excerpt)
  excerpt?: string;
}
