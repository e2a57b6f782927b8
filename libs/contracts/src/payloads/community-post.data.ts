import { IsHttpUrl, IsId, IsText, Optional } from '../validation/field.decorators';
import { Limits } from '../validation/limits';

/** A post as its author wrote it, carried by the submission, decision and publication events of a community. */
export abstract class CommunityPostData {
  @IsId()
  communityId!: string;

  @IsId()
  authorId!: string;

  @IsText(Limits.title)
  title!: string;

  @IsHttpUrl()
  url!: string;

  @Optional()
  @IsText(Limits.excerpt)
  excerpt?: string;
}
