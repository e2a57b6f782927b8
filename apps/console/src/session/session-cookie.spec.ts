import { clearedSessionCookie, readCookie, sessionCookie, sessionMaxAgeSeconds } from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly, Secure and SameSite=Strict, for the whole console', () => {
    expect(sessionCookie('tok', 60)).toBe(
      'console_session=tok; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Strict',
    );
  });

  it('is cleared with an empty value that expires at once', () => {
    expect(clearedSessionCookie()).toContain('console_session=; Path=/; Max-Age=0;');
  });

  it.each([
    ['until the token expires when that is sooner', new Date('2026-01-01T01:00:00Z'), 3600],
    ['no longer than the configured age', new Date('2026-01-02T00:00:00Z'), 7200],
    ['the configured age for a token without expiry', undefined, 7200],
    ['not at all for an expired token', new Date('2025-12-31T23:00:00Z'), -3600],
  ])('lives %s', (_case, expiresAt, seconds) => {
    expect(sessionMaxAgeSeconds(expiresAt, 7_200_000, new Date('2026-01-01T00:00:00Z'))).toBe(seconds);
  });

  it('never sets a negative Max-Age', () => {
    expect(sessionCookie('tok', -5)).toContain('Max-Age=0;');
  });

  it.each([
    ['the only cookie', 'console_session=abc', 'abc'],
    ['among others', 'a=1; console_session=abc; b=2', 'abc'],
    ['not a cookie with a longer name', 'xconsole_session=abc', undefined],
    ['nothing when empty', 'console_session=', undefined],
    ['nothing without a header', undefined, undefined],
  ])('reads %s', (_case, header, value) => {
    expect(readCookie(header, 'console_session')).toBe(value);
  });
});
