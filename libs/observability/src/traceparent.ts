import { randomFillSync } from 'node:crypto';

/** The parts of a W3C `traceparent` header (https://www.w3.org/TR/trace-context/). */
export interface TraceParent {
  traceId: string;
  parentId: string;
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;
const SAMPLED = '01';

export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim());
  if (!match) {
    return undefined;
  }
  const [, version, traceId, parentId, flags, rest] = match;
  // Version ff is forbidden; version 00 has no trailing fields, later versions may add some.
  if (version === 'ff' || (version === '00' && rest !== undefined)) {
    return undefined;
  }
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) {
    return undefined;
  }
  return { traceId, parentId, flags };
}

export function formatTraceparent({ traceId, parentId, flags }: TraceParent): string {
  return `00-${traceId}-${parentId}-${flags}`;
}

/** Starts a new sampled trace. */
export function newTraceparent(): string {
  return formatTraceparent({ traceId: randomHex(16), parentId: randomHex(8), flags: SAMPLED });
}

/** Same trace, new span; starts a new trace when the parent is missing or invalid. */
export function childTraceparent(parent: string | undefined): string {
  const parsed = parseTraceparent(parent);
  if (!parsed) {
    return newTraceparent();
  }
  return formatTraceparent({ ...parsed, parentId: randomHex(8) });
}

/**
 * Random bytes for ids, drawn from a pool the system's generator refills 4 KiB at a time: a call of its own for every
 * 8 or 16 bytes cost more than the rest of starting a span.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  for (;;) {
    if (poolOffset + bytes > pool.length) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
    poolOffset += bytes;
    if (!ALL_ZERO.test(hex)) {
      return hex;
    }
  }
}
