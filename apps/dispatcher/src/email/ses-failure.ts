/** What a failed SendEmail call means for the email and for the sender. */
export type SesFailureKind = 'transient' | 'permanent' | 'paused';

export interface SesFailure {
  kind: SesFailureKind;
  /** Provider error name, HTTP status or network error code: what support and metrics see. */
  code: string;
}

const PAUSING = new Set(['SendingPausedException', 'AccountSuspendedException']);

// LimitExceededException on SendEmail is the daily sending quota: it clears with time, not by changing the email.
const TRANSIENT = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
  'InternalFailure',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'AbortError',
]);

const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'BadRequestException',
  'NotFoundException',
  'InvalidParameterValue',
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Classifies an error thrown by the SES client by its name, then its HTTP status; no response at all is transient. */
export function classifySesFailure(error: unknown): SesFailure {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? error : {};
  const name = typeof shape.name === 'string' ? shape.name : 'UnknownError';
  const status = shape.$metadata?.httpStatusCode;

  if (PAUSING.has(name)) {
    return { kind: 'paused', code: name };
  }
  if (TRANSIENT.has(name)) {
    return { kind: 'transient', code: name };
  }
  if (PERMANENT.has(name)) {
    return { kind: 'permanent', code: name };
  }
  if (typeof status === 'number') {
    const code = `${name} (HTTP ${status})`;
    return status === 429 || status >= 500 ? { kind: 'transient', code } : { kind: 'permanent', code };
  }
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) {
    return { kind: 'transient', code: shape.code };
  }
  return { kind: 'transient', code: name };
}

/** An entry of a SendBulkEmail call that SES did not send, named like the SendEmail error of the same cause. */
export class SesBulkEntryError extends Error {
  constructor(
    override readonly name: string,
    readonly status: string,
    detail?: string,
  ) {
    super(`SES did not send the entry (${status})${detail ? `: ${detail}` : ''}`);
  }
}

// Statuses a retry or a pause answers; the others are asked again through SendEmail, whose error says what is wrong.
const BULK_ENTRY_ERRORS: Readonly<Record<string, string>> = {
  ACCOUNT_THROTTLED: 'TooManyRequestsException',
  ACCOUNT_DAILY_QUOTA_EXCEEDED: 'LimitExceededException',
  TRANSIENT_FAILURE: 'ServiceUnavailable',
  ACCOUNT_SUSPENDED: 'AccountSuspendedException',
  ACCOUNT_SENDING_PAUSED: 'SendingPausedException',
  CONFIGURATION_SET_SENDING_PAUSED: 'SendingPausedException',
};

/**
 * The error of a bulk entry SES did not send, when retrying it or pausing is the answer; undefined when the email is
 * to be sent alone instead (a rejection, an invalid parameter or an unknown status).
 */
export function bulkEntryFailure(status: string, detail?: string): SesBulkEntryError | undefined {
  const name = BULK_ENTRY_ERRORS[status];
  return name === undefined ? undefined : new SesBulkEntryError(name, status, detail);
}
