const SENSITIVE_KEY =
  /^pass$|passw(or)?d|passphrase|pwd|secret|token|authorization|cookie|api[-_]?key|private[-_]?key|credential|signature/i;
// Long enough to leave prose such as "missing bearer token" readable.
const BEARER_CREDENTIALS = /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/gi;
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const MAX_DEPTH = 6;

export const REDACTED = '[redacted]';

/**
 * Copies plain objects and arrays, replacing values under secret-looking keys and credentials inside text.
 * What lies deeper than a few levels is dropped rather than copied unchecked.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return redactText(value);
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
