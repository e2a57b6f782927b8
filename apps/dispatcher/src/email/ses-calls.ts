import type { OutgoingEmail, SendResult } from './outgoing-email';
import type { BulkOutcome, SesEmailGateway } from './ses-email.gateway';
import { classifySesFailure } from './ses-failure';

/** SES's limit on the entries of one SendBulkEmail call. */
export const MAX_BULK_SIZE = 50;

export interface SesCallLimits {
  /** SES calls in flight at once. */
  maxConcurrency: number;
  /** Emails in one call; 1 sends every email through SendEmail. */
  bulkSize: number;
}

interface Waiting {
  email: OutgoingEmail;
  accepted(result: SendResult): Promise<void>;
  resolve(messageId: string): void;
  reject(error: unknown): void;
}

/**
 * Hands emails to SES with at most `maxConcurrency` calls in flight. An email that finds a call free goes out at once;
 * emails that wait for one leave together, up to `bulkSize` in one SendBulkEmail. A call keeps its place until each
 * email SES accepted in it has run `accepted`, so a crash sends again at most `maxConcurrency × bulkSize` of them.
 */
export class SesCalls {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private dispatchQueued = false;

  /**
   * @param admit called for each email as its call starts; what it throws fails that email without sending it.
   * @param observeCall told the number of emails of each call.
   */
  constructor(
    private readonly gateway: Pick<SesEmailGateway, 'send' | 'sendBulk'>,
    private readonly limits: SesCallLimits,
    private readonly admit: () => void,
    private readonly observeCall: (emails: number) => void = () => undefined,
  ) {
    for (const [name, value, max] of [
      ['maxConcurrency', limits.maxConcurrency, Number.MAX_SAFE_INTEGER],
      ['bulkSize', limits.bulkSize, MAX_BULK_SIZE],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > max) {
        throw new RangeError(`${name} must be an integer from 1 to ${max} (got ${value})`);
      }
    }
  }

  /**
   * Resolves with the SES message id once SES accepted the email and `accepted` ran; rejects with the SDK's error,
   * with an entry's error named like SendEmail's, or with what `admit` threw. `accepted` must not reject.
   */
  send(email: OutgoingEmail, accepted: (result: SendResult) => Promise<void>): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ email, accepted, resolve, reject });
      this.queueDispatch();
    });
  }

  /** Emails handed in by the same run of promise callbacks (a claimed batch taking its tokens) share a call. */
  private queueDispatch(): void {
    if (this.dispatchQueued) {
      return;
    }
    this.dispatchQueued = true;
    void Promise.resolve().then(() => {
      this.dispatchQueued = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.limits.maxConcurrency && this.waiting.length > 0) {
      const call = this.nextCall();
      if (call.length === 0) {
        continue;
      }
      this.inFlight += 1;
      this.observeCall(call.length);
      void this.run(call).finally(() => {
        this.inFlight -= 1;
        this.dispatch();
      });
    }
  }

  private nextCall(): Waiting[] {
    const call: Waiting[] = [];
    while (call.length < this.limits.bulkSize && this.waiting.length > 0) {
      const next = this.waiting.shift() as Waiting;
      try {
        this.admit();
        call.push(next);
      } catch (error) {
        next.reject(error);
      }
    }
    return call;
  }

  /** Settles every email of the call; never rejects. */
  private async run(call: Waiting[]): Promise<void> {
    if (call.length === 1) {
      await this.sendAlone(call[0]);
      return;
    }
    let outcomes: BulkOutcome[];
    try {
      outcomes = await this.gateway.sendBulk(call.map(({ email }) => email));
    } catch (error) {
      if (classifySesFailure(error).kind !== 'permanent') {
        call.forEach(({ reject }) => reject(error));
        return;
      }
      // One email may have made the whole call invalid: each is asked alone, and only the culprit fails.
      outcomes = call.map(() => ({ alone: true }));
    }
    const recording: Promise<void>[] = [];
    const alone: Waiting[] = [];
    outcomes.forEach((outcome, index) => {
      const waiting = call[index];
      if ('messageId' in outcome) {
        recording.push(this.accept(waiting, outcome.messageId));
      } else if ('error' in outcome) {
        waiting.reject(outcome.error);
      } else {
        alone.push(waiting);
      }
    });
    // One after another, within this call's place.
    for (const waiting of alone) {
      await this.sendAlone(waiting);
    }
    await Promise.all(recording);
  }

  private async sendAlone(waiting: Waiting): Promise<void> {
    let messageId: string;
    try {
      messageId = await this.gateway.send(waiting.email);
    } catch (error) {
      waiting.reject(error);
      return;
    }
    await this.accept(waiting, messageId);
  }

  private async accept(waiting: Waiting, messageId: string): Promise<void> {
    // `accepted` reports its own failures: SES took the email whatever became of its record.
    await waiting.accepted({ messageId }).then(noop, noop);
    waiting.resolve(messageId);
  }
}

function noop(): void {}
