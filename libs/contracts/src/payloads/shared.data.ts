import { IsEmailAddress, IsHttpUrl, IsId, IsText } from '../validation/field.decorators';
import { Limits } from '../validation/limits';

/** A user as shown to others: the actor of a mention or comment, the sender of a message, an author. */
export class UserRef {
  @IsId()
  userId!: string;

  @IsText(Limits.displayName)
  displayName!: string;
}

/** The piece of content a mention or comment happened on. */
export class ContentRef {
  @IsId()
  id!: string;

  @IsText(Limits.title)
  title!: string;

  @IsHttpUrl()
  url!: string;
}

/** A moderator's public contact, given to users whose request or submission they decided. */
export class ModeratorContact extends UserRef {
  @IsEmailAddress()
  contactEmail!: string;
}
