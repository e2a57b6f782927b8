import { safeReturnTo } from './sign-in.service';

describe('safeReturnTo', () => {
  it.each([
    ['/users/u-1?cursor=x', '/users/u-1?cursor=x'],
    ['/dead-letters', '/dead-letters'],
    ['https://evil.example/x', '/users'],
    ['//evil.example/x', '/users'],
    ['/\\evil.example', '/users'],
    ['users', '/users'],
    [undefined, '/users'],
  ])('sends %s to %s', (requested, expected) => {
    expect(safeReturnTo(requested)).toBe(expected);
  });
});
