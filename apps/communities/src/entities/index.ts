/** The tables this service owns: every entity the data source registers. */
import { CommunityModerator } from './community-moderator.entity';
import { Community } from './community.entity';
import { Membership } from './membership.entity';
import { AccessRequest } from './access-request.entity';
import { Content } from './content.entity';
import { Submission } from './submission.entity';

export const ENTITIES = [Community, CommunityModerator, Membership, AccessRequest, Submission, Content];
