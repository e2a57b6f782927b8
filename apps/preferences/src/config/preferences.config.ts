import {
  BaseServiceConfig,
  CountPerWindowField,
  Required,
  SigningKeyList,
  type CountPerWindow,
} from '@notify/config';
import type { LinkSigningKey } from '@notify/security';

/** The only place the preferences service reads its environment. */
export class PreferencesConfig extends BaseServiceConfig {
  override PORT: number = 3003;

  override DB_SCHEMA: string = 'preferences';

  /**
   * `kid:secret` pairs separated by commas, e.g. `k2:<secret>,k1:<previous secret>`; the dispatcher signs
   * unsubscribe links with the same list. The first key signs, every key verifies: a rotated-out key stays
   * listed until the links it signed have expired.
   */
  @Required()
  @SigningKeyList()
  UNSUBSCRIBE_SIGNING_KEYS!: LinkSigningKey[];

  /** Profile and preference updates one user may make per window, e.g. `20/1h`. */
  @CountPerWindowField()
  RATE_LIMIT_PROFILE: CountPerWindow = { limit: 20, windowMs: 3_600_000 };
}
