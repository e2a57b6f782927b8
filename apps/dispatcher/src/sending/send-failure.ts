import { backoffDelay } from '@notify/config';
import { PermanentEmailError, SendingPausedError } from '../email/email.errors';
import type { FailureReason } from '../policy/delivery-vocabulary';
import { UnrenderableDeliveryError } from './email-models';

export interface RetryPolicy {
  maxAttempts: number;
  /** Wait before the second try; doubled for each further try. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export type FailureOutcome =
  | { kind: 'failed'; reason: FailureReason; detail: string }
  /** Back to pending until `at`; a try that never reached the provider does not count against the attempts. */
  | { kind: 'retry'; at: Date; countAttempt: boolean; detail: string };

/** What to do with a notification whose email could not be sent on its `attempts`-th try. */
export function outcomeOfFailure(
  error: unknown,
  attempts: number,
  now: Date,
  policy: RetryPolicy,
): FailureOutcome {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof PermanentEmailError) {
    return { kind: 'failed', reason: 'rejected-by-provider', detail };
  }
  if (error instanceof UnrenderableDeliveryError) {
    return { kind: 'failed', reason: 'unrenderable', detail };
  }
  if (error instanceof SendingPausedError) {
    return { kind: 'retry', at: error.resumeAt, countAttempt: false, detail };
  }
  if (attempts >= policy.maxAttempts) {
    return { kind: 'failed', reason: 'retries-exhausted', detail };
  }
  const delay = backoffDelay(attempts, { initialMs: policy.firstDelayMs, maxMs: policy.maxDelayMs });
  return { kind: 'retry', at: new Date(now.getTime() + delay), countAttempt: true, detail };
}
