import { PermanentEmailError, SendingPausedError, TransientEmailError } from '../email/email.errors';
import { UnrenderableDeliveryError } from './email-models';
import { outcomeOfFailure, type RetryPolicy } from './send-failure';

const policy: RetryPolicy = { maxAttempts: 4, firstDelayMs: 1000, maxDelayMs: 5000 };
const now = new Date('2026-03-02T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('outcomeOfFailure', () => {
  it('fails a permanent rejection at once', () => {
    const error = new PermanentEmailError('MessageRejected', 'Email address is not verified');

    expect(outcomeOfFailure(error, 1, now, policy)).toEqual({
      kind: 'failed',
      reason: 'rejected-by-provider',
      detail: error.message,
    });
  });

  it('fails a notification whose email cannot be built', () => {
    expect(
      outcomeOfFailure(new UnrenderableDeliveryError('digest', 'platform.mention.created'), 1, now, policy),
    ).toMatchObject({
      kind: 'failed',
      reason: 'unrenderable',
    });
  });

  it('waits for paused sending to resume without spending a try', () => {
    const resumeAt = later(60_000);

    expect(
      outcomeOfFailure(new SendingPausedError('SendingPausedException', resumeAt), 4, now, policy),
    ).toMatchObject({
      kind: 'retry',
      at: resumeAt,
      countAttempt: false,
    });
  });

  it.each([
    [1, later(1000)],
    [2, later(2000)],
    [3, later(4000)],
  ])('retries a transient failure of try %i with a doubling delay', (attempts, at) => {
    expect(outcomeOfFailure(new TransientEmailError('Throttling', 3), attempts, now, policy)).toEqual({
      kind: 'retry',
      at,
      countAttempt: true,
      detail: 'Email not sent after 3 attempts (Throttling)',
    });
  });

  it('caps the delay', () => {
    expect(
      outcomeOfFailure(new Error('socket hang up'), 3, now, { ...policy, maxAttempts: 10, maxDelayMs: 3000 }),
    ).toMatchObject({
      at: later(3000),
    });
  });

  it('gives up after the last try', () => {
    expect(outcomeOfFailure(new TransientEmailError('Throttling', 3), 4, now, policy)).toMatchObject({
      kind: 'failed',
      reason: 'retries-exhausted',
    });
  });
});
