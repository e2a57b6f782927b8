import { CreateSuppressions1764100000000 } from './migrations/1764100000000-CreateSuppressions';
import { SuppressionEventsAndRemovals1796000001000 } from './migrations/1796000001000-SuppressionEventsAndRemovals';
import { CreateSendRateBuckets1796000002000 } from './migrations/1796000002000-CreateSendRateBuckets';
import { EmailSuppression } from './suppression.entity';

/** To list in the dispatcher's DataSource `entities` and `migrations`. */
export const EMAIL_ENTITIES = [EmailSuppression];
export const EMAIL_MIGRATIONS = [
  CreateSuppressions1764100000000,
  SuppressionEventsAndRemovals1796000001000,
  CreateSendRateBuckets1796000002000,
];
