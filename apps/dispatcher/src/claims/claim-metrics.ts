import { Injectable } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import type { Counter } from 'prom-client';

/** What happens to claims beyond the normal path: taken over from a lost replica, or a result that came too late. */
@Injectable()
export class ClaimMetrics {
  /** Each taken-over claim is sent again: a duplicate email when its first send had already been accepted. */
  readonly takeovers: Counter<'kind' | 'cause'>;
  /** Results refused by the claim fence: the claim had been taken over (and maybe re-claimed) meanwhile. */
  readonly fencedResults: Counter<'kind'>;

  constructor(metrics: MetricsService) {
    this.takeovers = metrics.counter(
      'dispatcher_claim_takeovers_total',
      'Claims taken over (replica lease lost, or older than CLAIM_TIMEOUT) and sent again; each may be a duplicate',
      ['kind', 'cause'],
    );
    this.fencedResults = metrics.counter(
      'dispatcher_fenced_results_total',
      'Send results discarded because their claim had been taken over meanwhile',
      ['kind'],
    );
  }
}
