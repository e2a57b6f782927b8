import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Synchronizer token bound to the session: an HMAC of the session token, so it changes with every sign-in and
 * cannot be computed without the console's secret. Every form that acts carries it in a hidden field.
 */
export function csrfTokenFor(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf\u0000${sessionToken}`).digest('base64url');
}

export function isValidCsrfToken(secret: string, sessionToken: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0) {
    return false;
  }
  const expected = Buffer.from(csrfTokenFor(secret, sessionToken));
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
