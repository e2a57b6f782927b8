import { ageOf } from './age';

describe('ageOf', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it.each([
    ['just now', '2026-03-10T12:00:00Z', '0 min'],
    ['in the future (clock drift)', '2026-03-10T12:05:00Z', '0 min'],
    ['minutes', '2026-03-10T11:53:30Z', '6 min'],
    ['hours and minutes', '2026-03-10T06:48:00Z', '5 h 12 min'],
    ['past the 48 h reminder', '2026-03-08T08:00:00Z', '2 d 4 h'],
  ])('%s', (_case, since, expected) => {
    expect(ageOf(new Date(since), now)).toBe(expected);
  });
});
