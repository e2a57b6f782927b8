import { BaseServiceConfig, Required, SigningKeyList } from '@notify/config';
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
}
