import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { parseDuration } from '@notify/config';
import { ALL_TOPICS, isTopic } from '@notify/contracts';
import type { DeadLetterSelection } from '@notify/messaging';

export const USAGE = `usage: npm run dlq -- list|replay <topic> [--id <event id>]... [--since <time>] [--operator <name>]
  <topic>      logical topic, one of: ${ALL_TOPICS.join(', ')}
  --id         replay or list only these CloudEvents ids (repeatable)
  --since      only dead letters that failed at or after an ISO-8601 time, or within a duration (30m, 2h, 1d)
  --operator   who runs the replay, recorded on each replayed event (default: the OS user)`;

export interface DlqCommand {
  action: 'list' | 'replay';
  topic: string;
  selection: DeadLetterSelection;
  operator: string;
}

export class UsageError extends Error {}

/** Reads the command line; `now` anchors relative `--since` durations. */
export function parseDlqArguments(args: readonly string[], now: Date = new Date()): DlqCommand {
  const { positionals, values } = readArguments(args);
  const [action, topic, ...extra] = positionals;
  if ((action !== 'list' && action !== 'replay') || topic === undefined || extra.length > 0) {
    throw new UsageError('expected: list|replay <topic>');
  }
  if (!isTopic(topic)) {
    throw new UsageError(`unknown topic ${topic}; one of: ${ALL_TOPICS.join(', ')}`);
  }
  const operator = (values.operator ?? userInfo().username).trim();
  if (!/^[\p{L}\p{N} ._@-]{1,100}$/u.test(operator)) {
    throw new UsageError('--operator must be 1-100 letters, digits, spaces or ._@-');
  }
  return {
    action,
    topic,
    selection: {
      ids: values.id ?? [],
      since: values.since === undefined ? undefined : since(values.since, now),
    },
    operator,
  };
}

function readArguments(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        id: { type: 'string', multiple: true },
        since: { type: 'string' },
        operator: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function since(text: string, now: Date): Date {
  const duration = parseDuration(text);
  if (duration !== undefined) {
    return new Date(now.getTime() - duration);
  }
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) {
    throw new UsageError(`--since ${text} is neither an ISO-8601 time nor a duration such as 2h`);
  }
  return time;
}
