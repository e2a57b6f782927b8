import type { DeadLetterEntry } from './dead-letter-entry';

/** One offset per partition of a dead-letter topic: where a page of dead letters starts or ends. */
export type PartitionOffsets = ReadonlyMap<number, bigint>;

/** Which page: the newest (neither bound), the one older than `before`, or the one newer than `after`. */
export type DeadLetterPageRequest =
  | { size: number; before?: undefined; after?: undefined }
  | { size: number; before: PartitionOffsets; after?: undefined }
  | { size: number; after: PartitionOffsets; before?: undefined };

export interface OffsetRange {
  /** First offset to read. */
  from: bigint;
  /** One past the last offset to read. */
  to: bigint;
}

export interface DeadLetterPage {
  /** Newest failure first. */
  entries: DeadLetterEntry[];
  /** Pass as `before` for the previous (older) page; absent on the oldest page. */
  older?: PartitionOffsets;
  /** Pass as `after` for the next (newer) page; absent on the newest page. */
  newer?: PartitionOffsets;
}

type Watermarks = ReadonlyMap<number, { low: bigint; high: bigint }>;

const clamp = (value: bigint, low: bigint, high: bigint): bigint =>
  value < low ? low : value > high ? high : value;

/**
 * What to read for a page: per partition at most `size` records next to the bound, so a page never reads more
 * than `size` times the partition count, whatever the topic holds.
 */
export function pageRanges(marks: Watermarks, request: DeadLetterPageRequest): Map<number, OffsetRange> {
  const size = BigInt(request.size);
  const ranges = new Map<number, OffsetRange>();
  for (const [partition, { low, high }] of marks) {
    if (request.after) {
      const from = clamp(request.after.get(partition) ?? high, low, high);
      ranges.set(partition, { from, to: clamp(from + size, low, high) });
    } else {
      const to = clamp(request.before?.get(partition) ?? high, low, high);
      ranges.set(partition, { from: clamp(to - size, low, high), to });
    }
  }
  return ranges;
}

/**
 * The page from the records read for `pageRanges`, each partition's in offset order. Partitions are merged by
 * failure time, always taking the next record of a partition in offset order, so each page covers a contiguous
 * run of offsets per partition and the `older` and `newer` bounds neither skip nor repeat a record.
 */
export function pageOf(
  marks: Watermarks,
  ranges: ReadonlyMap<number, OffsetRange>,
  read: ReadonlyMap<number, readonly DeadLetterEntry[]>,
  request: DeadLetterPageRequest,
): DeadLetterPage {
  const towardsOlder = request.after === undefined;
  const queues = new Map(
    [...ranges.keys()].map((partition) => {
      const entries = [...(read.get(partition) ?? [])];
      return [partition, towardsOlder ? entries.reverse() : entries];
    }),
  );
  const taken: DeadLetterEntry[] = [];
  while (taken.length < request.size) {
    let next: { partition: number; entry: DeadLetterEntry } | undefined;
    for (const [partition, queue] of queues) {
      const head = queue[0];
      if (head && (!next || (towardsOlder ? isLater(head, next.entry) : isLater(next.entry, head)))) {
        next = { partition, entry: head };
      }
    }
    if (!next) {
      break;
    }
    queues.get(next.partition)!.shift();
    taken.push(next.entry);
  }
  const oldestTaken = new Map<number, bigint>();
  const newestTaken = new Map<number, bigint>();
  for (const entry of taken) {
    const offset = BigInt(entry.offset);
    if (!oldestTaken.has(entry.partition) || offset < oldestTaken.get(entry.partition)!) {
      oldestTaken.set(entry.partition, offset);
    }
    if (!newestTaken.has(entry.partition) || offset > newestTaken.get(entry.partition)!) {
      newestTaken.set(entry.partition, offset);
    }
  }
  const older = new Map<number, bigint>();
  const newer = new Map<number, bigint>();
  for (const [partition, range] of ranges) {
    // A partition the page took nothing from keeps the page's own bound on the side it was read from.
    const untouched = towardsOlder ? range.to : range.from;
    older.set(partition, oldestTaken.get(partition) ?? untouched);
    newer.set(partition, (newestTaken.get(partition) ?? untouched - 1n) + 1n);
  }
  const hasOlder = [...older].some(([partition, offset]) => offset > marks.get(partition)!.low);
  const hasNewer = [...newer].some(([partition, offset]) => offset < marks.get(partition)!.high);
  return {
    entries: towardsOlder ? taken : taken.reverse(),
    older: hasOlder ? older : undefined,
    newer: hasNewer ? newer : undefined,
  };
}

/** `a` failed after `b`; ties broken by partition so the order is total. */
function isLater(a: DeadLetterEntry, b: DeadLetterEntry): boolean {
  return (
    a.failedAt.getTime() - b.failedAt.getTime() > 0 ||
    (a.failedAt.getTime() === b.failedAt.getTime() && a.partition > b.partition)
  );
}

/** `0:120,1:98`: offsets per partition as they travel in a link. */
export function formatPartitionOffsets(offsets: PartitionOffsets): string {
  return [...offsets]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');
}

/** @throws Error naming the expected form when `text` is not `partition:offset[,partition:offset...]`. */
export function parsePartitionOffsets(text: string): PartitionOffsets {
  if (!/^\d{1,6}:\d{1,19}(,\d{1,6}:\d{1,19}){0,999}$/.test(text)) {
    throw new Error('expected partition:offset pairs separated by commas, e.g. 0:120,1:98');
  }
  return new Map(
    text.split(',').map((pair) => {
      const [partition, offset] = pair.split(':');
      return [Number(partition), BigInt(offset)];
    }),
  );
}
