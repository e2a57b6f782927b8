import { CreateAuditEntries1796500000000 } from './1796500000000-CreateAuditEntries';

/** Every migration of the console's own schema (its audit trail), oldest first. */
export const CONSOLE_MIGRATIONS = [CreateAuditEntries1796500000000];
