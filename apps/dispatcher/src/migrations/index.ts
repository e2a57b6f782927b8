import { MessagingTables1764000000000 } from '@notify/messaging';
import { EMAIL_MIGRATIONS } from '../email/email.persistence';
import { CreateReadModels1795700000000 } from './1795700000000-CreateReadModels';
import { CreateDeliveries1795700001000 } from './1795700001000-CreateDeliveries';
import { ReplicaLeases1796100000000 } from './1796100000000-ReplicaLeases';

/** Every migration of the dispatcher's schema, oldest first. */
export const MIGRATIONS = [
  MessagingTables1764000000000,
  ...EMAIL_MIGRATIONS,
  CreateReadModels1795700000000,
  CreateDeliveries1795700001000,
  ReplicaLeases1796100000000,
];
