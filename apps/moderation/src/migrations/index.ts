import { MessagingTables1764000000000, OutboxParking1796511428716 } from '@notify/messaging';
import { CreateModerationTables1795645300000 } from './1795645300000-CreateModerationTables';
import { IndexRemindedItems1796600000000 } from './1796600000000-IndexRemindedItems';

/** In order; TypeORM records each one it ran in the schema's `migrations` table. */
export const MIGRATIONS = [
  MessagingTables1764000000000,
  CreateModerationTables1795645300000,
  OutboxParking1796511428716,
  IndexRemindedItems1796600000000,
];
