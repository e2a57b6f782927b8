import { CreateSuppressions1764100000000 } from './migrations/1764100000000-CreateSuppressions';
import { EmailSuppression } from './suppression.entity';

/** To list in the dispatcher's DataSource `entities` and `migrations`. */
export const EMAIL_ENTITIES = [EmailSuppression];
export const EMAIL_MIGRATIONS = [CreateSuppressions1764100000000];
