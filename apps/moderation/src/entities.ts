import { CommunityModerator } from './directory/community-moderator.entity';
import { ModeratedCommunity } from './directory/moderated-community.entity';
import { ModerationItem } from './queue/moderation-item.entity';

export const ENTITIES = [ModeratedCommunity, CommunityModerator, ModerationItem];
