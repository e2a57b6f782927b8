import { csrfTokenFor, isValidCsrfToken } from './csrf';

const SECRET = 'csrf-secret-0123456789abcdef0123456789';

describe('CSRF synchronizer token', () => {
  const token = csrfTokenFor(SECRET, 'session-a');

  it.each([
    ['the token of this session', 'session-a', token, true],
    ['the token of another session', 'session-b', token, false],
    ['a token signed with another secret', 'session-a', csrfTokenFor(`${SECRET}x`, 'session-a'), false],
    ['a truncated token', 'session-a', token.slice(0, -1), false],
    ['no token', 'session-a', undefined, false],
    ['an empty token', 'session-a', '', false],
    ['a token sent twice (array)', 'session-a', [token, token], false],
  ])('accepts only %s: %s', (_case, session, presented, valid) => {
    expect(isValidCsrfToken(SECRET, session, presented)).toBe(valid);
  });

  it('is stable for a session and differs between sessions', () => {
    expect(csrfTokenFor(SECRET, 'session-a')).toBe(token);
    expect(csrfTokenFor(SECRET, 'session-b')).not.toBe(token);
  });
});
