import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { parseDuration } from './duration';

/** A number of events allowed per window of time, e.g. a rate limit. */
export interface CountPerWindow {
  limit: number;
  windowMs: number;
}

const COUNT_PER_WINDOW = /^(\d+)\s*\/\s*(\S+)$/;

/** Parses `20/1h` (20 per hour) or `5/30s`; `undefined` when unreadable, the count is 0 or the window shorter than 1s. */
export function parseCountPerWindow(text: string): CountPerWindow | undefined {
  const match = COUNT_PER_WINDOW.exec(text.trim());
  const limit = Number(match?.[1]);
  const windowMs = match ? parseDuration(match[2]) : undefined;
  if (!match || !Number.isSafeInteger(limit) || limit < 1 || windowMs === undefined || windowMs < 1000) {
    return undefined;
  }
  return { limit, windowMs };
}

/** `<count>/<duration>` such as `20/1h`: at most `count` per window. */
export const CountPerWindowField = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
      const raw = obj[key];
      return typeof raw === 'string' ? (parseCountPerWindow(raw) ?? raw) : value;
    }),
    ValidateBy({
      name: 'isCountPerWindow',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && 'limit' in value && 'windowMs' in value,
        defaultMessage: () =>
          'must be a count per window such as 20/1h (count at least 1, window at least 1s)',
      },
    }),
  );
