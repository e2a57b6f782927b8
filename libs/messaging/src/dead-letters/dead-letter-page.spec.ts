import type { DeadLetterEntry } from './dead-letter-entry';
import {
  formatPartitionOffsets,
  pageOf,
  pageRanges,
  parsePartitionOffsets,
  type DeadLetterPageRequest,
  type OffsetRange,
} from './dead-letter-page';

/** Partition 0 holds offsets 0-5, failed at minutes 0, 2, 4, 6, 8, 10; partition 1 offsets 0-2 at minutes 1, 3, 5. */
const TOPIC: Record<number, number[]> = { 0: [0, 2, 4, 6, 8, 10], 1: [1, 3, 5] };
const MARKS = new Map(
  Object.entries(TOPIC).map(([p, minutes]) => [Number(p), { low: 0n, high: BigInt(minutes.length) }]),
);

function entry(partition: number, offset: number): DeadLetterEntry {
  return {
    partition,
    offset: String(offset),
    key: null,
    value: null,
    headers: {},
    eventId: `p${partition}o${offset}`,
    reason: 'handler-failed',
    error: 'boom',
    failedAt: new Date(Date.UTC(2026, 0, 1, 0, TOPIC[partition][offset])),
  };
}

/** Reads what `pageRanges` asks for, like the Kafka reader does. */
function read(ranges: Map<number, OffsetRange>): Map<number, DeadLetterEntry[]> {
  return new Map(
    [...ranges].map(([partition, { from, to }]) => {
      const offsets = Array.from({ length: Number(to - from) }, (_, i) => Number(from) + i);
      return [partition, offsets.map((offset) => entry(partition, offset))];
    }),
  );
}

function page(request: DeadLetterPageRequest) {
  const ranges = pageRanges(MARKS, request);
  const result = pageOf(MARKS, ranges, read(ranges), request);
  return {
    ids: result.entries.map((e) => e.eventId),
    older: result.older && formatPartitionOffsets(result.older),
    newer: result.newer && formatPartitionOffsets(result.newer),
  };
}

const before = (text: string) => ({ size: 3, before: parsePartitionOffsets(text) });
const after = (text: string) => ({ size: 3, after: parsePartitionOffsets(text) });

describe('dead-letter pages', () => {
  it.each<[string, DeadLetterPageRequest, ReturnType<typeof page>]>([
    ['the newest page', { size: 3 }, { ids: ['p0o5', 'p0o4', 'p0o3'], older: '0:3,1:3', newer: undefined }],
    [
      'the next older page',
      before('0:3,1:3'),
      { ids: ['p1o2', 'p0o2', 'p1o1'], older: '0:2,1:1', newer: '0:3,1:3' },
    ],
    [
      'the oldest page',
      before('0:2,1:1'),
      { ids: ['p0o1', 'p1o0', 'p0o0'], older: undefined, newer: '0:2,1:1' },
    ],
    [
      'back to a newer page',
      after('0:2,1:1'),
      { ids: ['p1o2', 'p0o2', 'p1o1'], older: '0:2,1:1', newer: '0:3,1:3' },
    ],
    [
      'the newest page, from newer',
      after('0:3,1:3'),
      { ids: ['p0o5', 'p0o4', 'p0o3'], older: '0:3,1:3', newer: undefined },
    ],
    [
      'one page holding the whole topic',
      { size: 20 },
      {
        ids: ['p0o5', 'p0o4', 'p0o3', 'p1o2', 'p0o2', 'p1o1', 'p0o1', 'p1o0', 'p0o0'],
        older: undefined,
        newer: undefined,
      },
    ],
    [
      'a bound past the end, clamped',
      before('0:99,1:99'),
      { ids: ['p0o5', 'p0o4', 'p0o3'], older: '0:3,1:3', newer: undefined },
    ],
  ])('%s', (_case, request, expected) => {
    expect(page(request)).toEqual(expected);
  });

  it('reads at most `size` records per partition', () => {
    const ranges = pageRanges(
      new Map([
        [0, { low: 10n, high: 100_000n }],
        [3, { low: 0n, high: 2n }],
      ]),
      { size: 50 },
    );

    expect(ranges).toEqual(
      new Map([
        [0, { from: 99_950n, to: 100_000n }],
        [3, { from: 0n, to: 2n }],
      ]),
    );
  });

  it('treats an empty topic as one empty page', () => {
    const marks = new Map([[0, { low: 7n, high: 7n }]]);
    const ranges = pageRanges(marks, { size: 10 });

    expect(pageOf(marks, ranges, new Map(), { size: 10 })).toEqual({
      entries: [],
      older: undefined,
      newer: undefined,
    });
  });

  it.each(['', '0', '0:1,', 'a:1', '0:-1', '0:1;1:2'])('refuses the bound %p', (text) => {
    expect(() => parsePartitionOffsets(text)).toThrow('partition:offset pairs');
  });
});
