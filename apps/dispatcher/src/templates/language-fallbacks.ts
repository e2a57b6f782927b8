import { Logger } from '@nestjs/common';
import type { MetricsService } from '@notify/observability';
import type { Counter } from 'prom-client';
import type { LocaleFallbackReason, SupportedLocale } from './locales';

const MAX_LOGGED_TAG_LENGTH = 35;

/** Logs and counts every email written in English because the recipient's language could not be used. */
export class LanguageFallbacks {
  private readonly logger = new Logger('LanguageFallbacks');
  private readonly counter: Counter<'reason' | 'template'> | undefined;

  constructor(metrics: MetricsService | undefined) {
    this.counter = metrics?.counter(
      'dispatcher_language_fallbacks_total',
      'Emails written in English because the profile had no language or one the platform does not write',
      ['reason', 'template'],
    );
  }

  record(
    template: string,
    requested: string | undefined,
    reason: LocaleFallbackReason,
    used: SupportedLocale,
  ): void {
    this.counter?.inc({ reason, template });
    // The tag comes from a profile: logged shortened and JSON-quoted, never as a label (unbounded values).
    this.logger.log({
      msg: 'email language fell back',
      template,
      requested: JSON.stringify((requested ?? '').slice(0, MAX_LOGGED_TAG_LENGTH)),
      reason,
      language: used,
    });
  }
}
