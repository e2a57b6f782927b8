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
