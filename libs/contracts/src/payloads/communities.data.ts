import { ArrayMaxSize, IsBoolean, IsIn } from 'class-validator';
import { IsRfc3339DateTime } from '../validation/date-time.validator';
import { IsId, IsText, Nested, Optional } from '../validation/field.decorators';
import { Limits } from '../validation/limits';
import {
  COMMUNITY_VISIBILITIES,
  CommunityVisibility,
  MEMBERSHIP_END_CAUSES,
  MEMBERSHIP_ORIGINS,
  MembershipEndCause,
  MembershipOrigin,
  PUBLICATION_ROUTES,
  PublicationRoute,
} from '../vocabulary';
import { CommunityPostData } from './community-post.data';
import { ModeratorContact } from './shared.data';

// Payloads of `communities.events.v1`, all keyed by community id.

/** Full current state of a community; carried by both `community.created` and `community.updated`. */
export class CommunityData {
  @IsId()
  communityId!: string;

  @IsText(Limits.communityName)
  name!: string;

  @IsIn(COMMUNITY_VISIBILITIES)
  visibility!: CommunityVisibility;

  @IsBoolean()
  moderated!: boolean;

  /** Emails about a confidential community carry only a title and a link, never an excerpt. */
  @IsBoolean()
  confidential!: boolean;

  @ArrayMaxSize(Limits.moderators)
  @Nested(() => ModeratorContact, { each: true })
  moderators!: ModeratorContact[];
}

export class MemberJoinedData {
  @IsId()
  communityId!: string;

  @IsId()
  userId!: string;

  @IsIn(MEMBERSHIP_ORIGINS)
  joinedVia!: MembershipOrigin;
}

export class MemberLeftData {
  @IsId()
  communityId!: string;

  @IsId()
  userId!: string;

  @IsIn(MEMBERSHIP_END_CAUSES)
  cause!: MembershipEndCause;
}

export class AccessRequestedData {
  @IsId()
  accessRequestId!: string;

  @IsId()
  communityId!: string;

  @IsId()
  userId!: string;

  @Optional()
  @IsText(Limits.message)
  message?: string;

  @IsRfc3339DateTime()
  requestedAt!: string;
}

export class SubmissionReceivedData extends CommunityPostData {
  @IsId()
  submissionId!: string;

  @IsRfc3339DateTime()
  submittedAt!: string;
}

export class CommunityContentPublishedData extends CommunityPostData {
  @IsId()
  contentId!: string;

  @IsIn(PUBLICATION_ROUTES)
  publishedVia!: PublicationRoute;

  /** Set when the content was published by approving a submission. */
  @Optional()
  @IsId()
  submissionId?: string;
}
