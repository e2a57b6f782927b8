import type { PostgresEndpoint } from '@notify/testing';
import type { EmailSettings } from '../../../src/email/email-settings';
import type { TemplateSettings } from '../../../src/templates/template-settings';

/** Everything the naive service needs: where to read events and profiles, how to send. */
export interface NaiveSettings {
  brokers: string[];
  topic: string;
  groupId: string;
  postgres: PostgresEndpoint;
  /** Schema holding the `profiles` table the handler reads. */
  schema: string;
  email: EmailSettings;
  templates: TemplateSettings;
}

export const NAIVE_SETTINGS = Symbol('NAIVE_SETTINGS');
