import { MessagingTables1764000000000, OutboxParking1796511428716 } from '@notify/messaging';
import { RateLimitCounters1796300000000 } from '@notify/rate-limit';
import { CreateCommunityTables1795645221449 } from './1795645221449-CreateCommunityTables';

/** In order; TypeORM records each one it ran in the schema's `migrations` table. */
export const MIGRATIONS = [
  MessagingTables1764000000000,
  CreateCommunityTables1795645221449,
  RateLimitCounters1796300000000,
  OutboxParking1796511428716,
];
