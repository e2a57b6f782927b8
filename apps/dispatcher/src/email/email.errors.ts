/** Base of every failure EmailSender reports; `code` is the provider's error name or a local reason. */
export abstract class EmailSendError extends Error {
  protected constructor(
    message: string,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Retrying cannot help (rejected message, unverified sender, invalid address...): record a failure. */
export class PermanentEmailError extends EmailSendError {
  override readonly name = 'PermanentEmailError';

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(`Email rejected permanently (${code}): ${message}`, code, options);
  }
}

/** Throttling, 5xx or network failures outlasted the retries; the email may be sent again later. */
export class TransientEmailError extends EmailSendError {
  override readonly name = 'TransientEmailError';

  constructor(
    code: string,
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(`Email not sent after ${attempts} attempts (${code})`, code, options);
  }
}

/** SES paused sending for the account; nothing is sent before `resumeAt`. Keep the email pending and retry after. */
export class SendingPausedError extends EmailSendError {
  override readonly name = 'SendingPausedError';

  constructor(
    code: string,
    readonly resumeAt: Date,
    options?: ErrorOptions,
  ) {
    super(`Sending is paused until ${resumeAt.toISOString()} (${code})`, code, options);
  }
}
