import { MessagingTables1764000000000, OutboxParking1796511428716 } from '@notify/messaging';
import { RateLimitCounters1796300000000 } from '@notify/rate-limit';
import { CreateUserSettings1795645200000 } from './1795645200000-CreateUserSettings';
import { WidenUserId1795900000000 } from './1795900000000-WidenUserId';
import { IndexProfileEmail1796600000000 } from './1796600000000-IndexProfileEmail';

/** Every migration of the preferences schema, oldest first. */
export const PREFERENCES_MIGRATIONS = [
  MessagingTables1764000000000,
  CreateUserSettings1795645200000,
  WidenUserId1795900000000,
  RateLimitCounters1796300000000,
  OutboxParking1796511428716,
  IndexProfileEmail1796600000000,
];
