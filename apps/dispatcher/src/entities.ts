import { NotificationEventEntity } from './deliveries/notification-event.entity';
import { DeliveryEntity } from './deliveries/delivery.entity';
import { DigestEntity } from './digests/digest.entity';
import { EMAIL_ENTITIES } from './email/email.persistence';
import { CommunityEntity } from './read-models/community.entity';
import { MembershipEntity } from './read-models/membership.entity';
import { ProfileEntity } from './read-models/profile.entity';

export const ENTITIES = [
  ProfileEntity,
  CommunityEntity,
  MembershipEntity,
  NotificationEventEntity,
  DeliveryEntity,
  DigestEntity,
  ...EMAIL_ENTITIES,
];
