import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { accessSync, constants, statSync } from 'node:fs';
import { parseDuration } from './duration';

// Transforms read the raw variable (`obj[key]`): implicit conversion has already coerced `value` to the field's type.

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** The variable must be set (and non-empty). */
export const Required = (): PropertyDecorator => IsDefined({ message: 'is required' });

/** `a, b,c` → `['a', 'b', 'c']`; empty items are dropped. */
export const CommaSeparated = (): PropertyDecorator =>
  Transform(({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
    const raw = obj[key];
    return typeof raw === 'string' ? splitList(raw) : value;
  });

/** A non-empty comma-separated list of `host:port` pairs, e.g. Kafka brokers. */
export const HostPortList = (): PropertyDecorator => {
  const message = 'must be a comma-separated list of host:port';
  return applyDecorators(
    CommaSeparated(),
    ArrayNotEmpty({ message }),
    Matches(HOST_PORT, { each: true, message }),
  );
};

/** A TCP port; 0 lets the operating system choose (tests). */
export const Port = (): PropertyDecorator => {
  const message = 'must be a port number between 0 and 65535';
  return applyDecorators(IsInt({ message }), Min(0, { message }), Max(65535, { message }));
};

/** A duration such as `48h` or `15m`, stored as milliseconds; `max` caps it, named as `label` in the message. */
export const Duration = (max?: { ms: number; label: string }): PropertyDecorator => {
  const message = 'must be a duration such as 500ms, 30s, 15m, 48h or 2d';
  return applyDecorators(
    Transform(({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
      const raw = obj[key];
      return typeof raw === 'string' ? (parseDuration(raw) ?? Number.NaN) : value;
    }),
    IsInt({ message }),
    Min(0, { message }),
    ...(max ? [AtMost(max.ms, `must be at most ${max.label}`)] : []),
  );
};

/** Only a number above `limit` fails: one that is not a number is reported by the type check alone. */
const AtMost = (limit: number, message: string): PropertyDecorator =>
  ValidateBy({
    name: 'atMost',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || Number.isNaN(value) || value <= limit,
      defaultMessage: () => message,
    },
  });

/** `true/false`, `1/0`, `yes/no`, `on/off`. */
export const Flag = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
      const raw = obj[key];
      if (typeof raw !== 'string') {
        return value;
      }
      const word = raw.trim().toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : raw;
    }),
    IsBoolean({ message: 'must be true or false' }),
  );

/** An absolute URL with one of the given schemes. */
export const UrlWith = (protocols: readonly string[]): PropertyDecorator =>
  IsUrl(
    { protocols: [...protocols], require_protocol: true, require_tld: false },
    { message: `must be a ${protocols.join('/')} URL` },
  );

export const HttpUrl = (): PropertyDecorator => UrlWith(['http', 'https']);

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An `https:` URL; plain `http:` only on this machine (localhost, 127.0.0.1, ::1), where nothing crosses a network. */
export const HttpsUrl = (): PropertyDecorator =>
  ValidateBy({
    name: 'isHttpsUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isHttpsOrLoopbackUrl(value),
      defaultMessage: () => 'must be an https URL (http only on localhost, 127.0.0.1 or ::1)',
    },
  });

export const OneOf = (values: readonly string[]): PropertyDecorator =>
  IsIn([...values], { message: `must be one of: ${values.join(', ')}` });

export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function isHttpsOrLoopbackUrl(raw: string): boolean {
  if (!URL.canParse(raw)) {
    return false;
  }
  const url = new URL(raw);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

/** A path to a regular file this process can read, e.g. a mounted secret or certificate. */
export const ReadableFile = (): PropertyDecorator =>
  ValidateBy({
    name: 'isReadableFile',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isReadableFile(value),
      defaultMessage: () => 'must be the path of a readable file',
    },
  });

function isReadableFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
