import { MessagingTables1764000000000, OutboxParking1796511428716 } from '@notify/messaging';
import { EMAIL_MIGRATIONS } from '../email/email.persistence';
import { CreateReadModels1795700000000 } from './1795700000000-CreateReadModels';
import { CreateDeliveries1795700001000 } from './1795700001000-CreateDeliveries';
import { NotificationEventTrace1795709000000 } from './1795709000000-NotificationEventTrace';
import { EmailFeedbackStatuses1796000000000 } from './1796000000000-EmailFeedbackStatuses';
import { AddDeliveryLanguage1796200000000 } from './1796200000000-AddDeliveryLanguage';
import { ReplicaLeases1796100000000 } from './1796100000000-ReplicaLeases';
import { ModeratorAlertCap1796300000000 } from './1796300000000-ModeratorAlertCap';
import { DeliveryPriority1796600000000 } from './1796600000000-DeliveryPriority';
import { FanOutJobs1796700000000 } from './1796700000000-FanOutJobs';

/** Every migration of the dispatcher's schema, oldest first. */
export const MIGRATIONS = [
  MessagingTables1764000000000,
  ...EMAIL_MIGRATIONS,
  CreateReadModels1795700000000,
  CreateDeliveries1795700001000,
  NotificationEventTrace1795709000000,
  EmailFeedbackStatuses1796000000000,
  AddDeliveryLanguage1796200000000,
  ReplicaLeases1796100000000,
  ModeratorAlertCap1796300000000,
  OutboxParking1796511428716,
  DeliveryPriority1796600000000,
  FanOutJobs1796700000000,
];
