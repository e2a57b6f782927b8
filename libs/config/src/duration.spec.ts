import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['250', 250],
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['48h', 172_800_000],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    [' 10 m ', 600_000],
  ])('reads %p as %p ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each(['', 'h', '-5m', '5 minutes', '5w', 'abc'])('does not read %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
