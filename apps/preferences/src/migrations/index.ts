import { MessagingTables1764000000000 } from '@notify/messaging';
import { CreateUserSettings1795645200000 } from './1795645200000-CreateUserSettings';

/** Every migration of the preferences schema, oldest first. */
export const PREFERENCES_MIGRATIONS = [MessagingTables1764000000000, CreateUserSettings1795645200000];
