import { BaseServiceConfig } from '@notify/config';

/** Environment of the communities service; defaults suit a local run. */
export class CommunitiesConfig extends BaseServiceConfig {
  override PORT = 3001;
  override DB_SCHEMA = 'communities';
}
