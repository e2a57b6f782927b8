/** The session cookie holds the platform JWT itself: no server-side session store to keep or replicate. */
export const SESSION_COOKIE = 'console_session';

/** `Set-Cookie` for a session: never readable by scripts, never sent cross-site, only over TLS. */
export function sessionCookie(token: string, maxAgeSeconds: number): string {
  const maxAge = Math.max(0, Math.floor(maxAgeSeconds));
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedSessionCookie(): string {
  return sessionCookie('', 0);
}

/** How long the cookie may live: until the token expires, and never longer than the configured session age. */
export function sessionMaxAgeSeconds(tokenExpiresAt: Date | undefined, maxAgeMs: number, now: Date): number {
  const byConfig = maxAgeMs / 1000;
  if (!tokenExpiresAt) {
    return byConfig;
  }
  return Math.min(byConfig, (tokenExpiresAt.getTime() - now.getTime()) / 1000);
}

/** One cookie's value from a `Cookie` request header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      const value = pair.slice(separator + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
