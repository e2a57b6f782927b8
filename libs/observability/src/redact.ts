const SENSITIVE_KEY =
  /^pass$|passw(or)?d|passphrase|pwd|secret|token|authorization|cookie|api[-_]?key|private[-_]?key|credential|signature/i;
// Long enough to leave prose such as "missing bearer token" readable.
const BEARER_CREDENTIALS = /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/gi;
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const MAX_DEPTH = 6;

export const REDACTED = '[redacted]';

export interface RedactedError {
  name: string;
  message: string;
  stack?: string;
  code?: string | number;
  cause?: unknown;
}

/**
 * Copies plain objects and arrays, replacing values under secret-looking keys and credentials inside text.
 * Errors are reduced to what explains them (see `redactError`).
 * What lies deeper than a few levels is dropped rather than copied unchecked.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return redactText(value);
  }
  if (value instanceof Error) {
    return depth >= MAX_DEPTH ? REDACTED : redactError(value, depth);
  }
  if (!Array.isArray(value) && !isPlainObject(value)) {
    return value;
  }
  if (depth >= MAX_DEPTH) {
    return REDACTED;
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactSecrets(item, depth + 1));
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1);
  }
  return copy;
}

/**
 * Keeps an error's name, message, stack, code and cause, dropping every other property: a database error
 * carries the query's parameters and the offending row (emails, names) that must not reach the logs.
 */
export function redactError(error: Error, depth = 0): RedactedError {
  const { code, cause } = error as Error & { code?: unknown };
  return {
    name: error.name,
    message: redactText(error.message),
    ...(error.stack === undefined ? {} : { stack: redactText(error.stack) }),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(cause === undefined ? {} : { cause: redactSecrets(cause, depth + 1) }),
  };
}

/** Hides bearer credentials and JWTs written into free text, such as a logged header line. */
export function redactText(text: string): string {
  return text.replace(BEARER_CREDENTIALS, `Bearer ${REDACTED}`).replace(JWT_LIKE, REDACTED);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
