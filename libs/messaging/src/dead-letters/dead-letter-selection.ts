import { DeadLetterHeaders, ReplayHeaders } from '@notify/contracts';
import type { DeadLetterEntry } from './dead-letter-entry';

export interface DeadLetterSelection {
  /** CloudEvents ids to keep; all when empty. */
  ids: readonly string[];
  /** Keep dead letters that failed at or after this time. */
  since?: Date;
}

/**
 * The selected dead letters, oldest failure first. An event dead-lettered several times (replayed and failed
 * again) appears once, as its latest copy.
 */
export function selectDeadLetters(
  entries: readonly DeadLetterEntry[],
  { ids, since }: DeadLetterSelection,
): DeadLetterEntry[] {
  const wanted = new Set(ids);
  const latest = new Map<string, DeadLetterEntry>();
  for (const entry of [...entries].sort(byFailureTime)) {
    if (wanted.size > 0 && (entry.eventId === undefined || !wanted.has(entry.eventId))) {
      continue;
    }
    if (since !== undefined && entry.failedAt < since) {
      continue;
    }
    latest.delete(identity(entry));
    latest.set(identity(entry), entry);
  }
  return [...latest.values()];
}

export interface ReplayMark {
  operator: string;
  at: Date;
  deadLetterTopic: string;
}

export type OutgoingHeaders = Record<string, Buffer | string | (Buffer | string)[]>;

/** The original headers (CloudEvents attributes, trace context) without the dead-letter ones, plus the replay mark. */
export function replayHeaders(entry: DeadLetterEntry, mark: ReplayMark): OutgoingHeaders {
  const ours = new Set<string>([...Object.values(DeadLetterHeaders), ...Object.values(ReplayHeaders)]);
  const kept: OutgoingHeaders = {};
  for (const [name, value] of Object.entries(entry.headers)) {
    if (!ours.has(name.toLowerCase()) && value !== null && value !== undefined) {
      kept[name] = value;
    }
  }
  return {
    ...kept,
    [ReplayHeaders.ReplayedBy]: mark.operator,
    [ReplayHeaders.ReplayedAt]: mark.at.toISOString(),
    [ReplayHeaders.ReplayedFrom]: `${mark.deadLetterTopic}:${entry.partition}:${entry.offset}`,
  };
}

function identity(entry: DeadLetterEntry): string {
  // Undecodable records have no event identity: each stays its own entry.
  return entry.eventId === undefined
    ? `record\u0000${entry.partition}\u0000${entry.offset}`
    : `${entry.eventSource ?? ''}\u0000${entry.eventId}`;
}

function byFailureTime(a: DeadLetterEntry, b: DeadLetterEntry): number {
  return a.failedAt.getTime() - b.failedAt.getTime() || a.partition - b.partition || compareOffsets(a, b);
}

function compareOffsets(a: DeadLetterEntry, b: DeadLetterEntry): number {
  const difference = BigInt(a.offset) - BigInt(b.offset);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
