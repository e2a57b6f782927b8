import { CommunityModerator } from './communities/community-moderator.entity';
import { Community } from './communities/community.entity';
import { Membership } from './communities/membership.entity';
import { AccessRequest } from './memberships/access-request.entity';
import { Content } from './submissions/content.entity';
import { Submission } from './submissions/submission.entity';

export const ENTITIES = [Community, CommunityModerator, Membership, AccessRequest, Submission, Content];
