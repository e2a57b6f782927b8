import type { Logger } from '@nestjs/common';
import type { ClaimMetrics } from '../claims/claim-metrics';
import type { FailureOutcome } from '../sending/send-failure';
import type { SendOutcome } from '../sending/sending.service';
import type { DigestClaim, DigestsRepository } from './digests.repository';

/** `fenced`: the claim was taken over meanwhile, so the result was discarded. */
export type DigestOutcome = 'sent' | 'skipped' | 'failed' | 'retry' | 'fenced';

/** Records how a claimed digest or alert summary ended when its email could not be sent, and counts fenced results. */
export class DigestOutcomes {
  constructor(
    private readonly digests: DigestsRepository,
    private readonly claimMetrics: ClaimMetrics,
    private readonly logger: Logger,
  ) {}

  /** Records the outcome of the claimed digest's one email: sent, failed for good, or to be tried again. */
  async settle(digest: DigestClaim, outcome: SendOutcome): Promise<DigestOutcome> {
    if (outcome.kind !== 'sent') {
      return this.failure(digest, outcome);
    }
    // Not caught: an unrecorded send keeps its claim, which is taken back and sent again (counted), not lost.
    return this.fenced(
      digest,
      await this.digests.markSent(digest, outcome.messageId, outcome.language),
      'sent',
    );
  }

  private async failure(digest: DigestClaim, outcome: FailureOutcome): Promise<DigestOutcome> {
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
