import { IsOptional } from 'class-validator';
import { CountPerWindowField, parseCountPerWindow, type CountPerWindow } from './count-per-window';
import { loadConfig } from './load-config';

describe('count per window', () => {
  it.each([
    ['20/1h', { limit: 20, windowMs: 3_600_000 }],
    ['5/30s', { limit: 5, windowMs: 30_000 }],
    [' 3 / 2d ', { limit: 3, windowMs: 172_800_000 }],
    ['1/1000', { limit: 1, windowMs: 1000 }],
    ['0/1h', undefined],
    ['20/500ms', undefined],
    ['20', undefined],
    ['20/hour', undefined],
    ['-1/1h', undefined],
    ['1.5/1h', undefined],
  ])('%j reads as %j', (text, expected) => {
    expect(parseCountPerWindow(text)).toEqual(expected);
  });

  class Limits {
    @CountPerWindowField()
    RATE_LIMIT_JOIN: CountPerWindow = { limit: 10, windowMs: 3_600_000 };

    @IsOptional()
    @CountPerWindowField()
    RATE_LIMIT_OTHER?: CountPerWindow;
  }

  it('keeps the default, reads a variable and names a bad one', () => {
    expect(loadConfig(Limits, {}).RATE_LIMIT_JOIN).toEqual({ limit: 10, windowMs: 3_600_000 });
    expect(loadConfig(Limits, { RATE_LIMIT_JOIN: '3/1m' }).RATE_LIMIT_JOIN).toEqual({
      limit: 3,
      windowMs: 60_000,
    });
    expect(() => loadConfig(Limits, { RATE_LIMIT_JOIN: 'lots' })).toThrow(
      /RATE_LIMIT_JOIN.*count per window/s,
    );
  });
});
