import type { Logger } from '@nestjs/common';
import { outcomeOfFailure } from '../composition/send-failure';
import type { ClaimMetrics } from '../claims/claim-metrics';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { DigestClaim, DigestsRepository } from './digests.repository';

/** `fenced`: the claim was taken over meanwhile, so the result was discarded. */
export type DigestOutcome = 'sent' | 'skipped' | 'failed' | 'retry' | 'fenced';

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** Records how a claimed digest or alert summary ended when its email could not be sent, and counts fenced results. */
export class DigestOutcomes {
  constructor(
    private readonly config: Pick<DispatcherConfig, 'SENDER_MAX_ATTEMPTS' | 'SENDER_RETRY_DELAY'>,
    private readonly digests: DigestsRepository,
    private readonly claimMetrics: ClaimMetrics,
    private readonly logger: Logger,
  ) {}

  async failure(digest: DigestClaim & { attempts: number }, error: unknown): Promise<DigestOutcome> {
    const outcome = outcomeOfFailure(error, digest.attempts, new Date(), {
      maxAttempts: this.config.SENDER_MAX_ATTEMPTS,
      firstDelayMs: this.config.SENDER_RETRY_DELAY,
      maxDelayMs: MAX_RETRY_DELAY_MS,
    });
    if (outcome.kind === 'failed') {
      this.logger.warn({
        msg: 'digest failed',
        digest: digest.id,
        reason: outcome.reason,
        detail: outcome.detail,
      });
      return this.fenced(
        digest,
        await this.digests.markFailed(digest, outcome.reason, outcome.detail),
        'failed',
      );
    }
    const retrying = await this.digests.retryLater(digest, outcome.at, outcome.detail, outcome.countAttempt);
    return this.fenced(digest, retrying, 'retry');
  }

  fenced(digest: DigestClaim, recorded: boolean, outcome: DigestOutcome): DigestOutcome {
    if (recorded) {
      return outcome;
    }
    this.claimMetrics.fencedResults.inc({ kind: 'digest' });
    this.logger.warn({ msg: 'result of a digest claim taken over meanwhile discarded', digest: digest.id });
    return 'fenced';
  }
}
