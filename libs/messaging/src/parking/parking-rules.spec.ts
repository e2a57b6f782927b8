import {
  RECORD_OVERHEAD_BYTES,
  deadLetterFailureVerdict,
  fittingPrefix,
  recordBytes,
  relayFailureVerdict,
  type Verdict,
} from './parking-rules';
import type { PublishFailure } from '../kafka/publish-failure';

describe('recordBytes', () => {
  it.each([
    ['a tombstone', { key: 'k1', value: null, headers: {} }, RECORD_OVERHEAD_BYTES + 2],
    [
      'key, value and headers',
      { key: 'k1', value: '{"a":1}', headers: { ce_id: 'e1' } },
      RECORD_OVERHEAD_BYTES + 2 + 7 + 9,
    ],
    [
      'multi-byte text by its UTF-8 length',
      { key: null, value: 'é', headers: {} },
      RECORD_OVERHEAD_BYTES + 2,
    ],
    [
      'buffers by their length',
      { key: Buffer.from('kk'), value: Buffer.alloc(10), headers: {} },
      RECORD_OVERHEAD_BYTES + 12,
    ],
  ])('counts %s', (_case, parts, bytes) => {
    expect(recordBytes(parts)).toBe(bytes);
  });
});

describe('fittingPrefix', () => {
  it.each([
    ['everything when it fits', [10, 10, 10], 100, 10, 3],
    ['up to the byte limit', [40, 40, 40], 100, 10, 2],
    ['exactly the limit', [50, 50, 1], 100, 10, 2],
    ['at most the count', [1, 1, 1, 1], 100, 2, 2],
    ['the first item even when alone it fills the limit', [100, 1], 100, 10, 1],
    ['nothing from nothing', [], 100, 10, 0],
  ])('takes %s', (_case, sizes, maxBytes, maxCount, expected) => {
    expect(fittingPrefix(sizes, maxBytes, maxCount)).toBe(expected);
  });
});

describe('relayFailureVerdict', () => {
  const hold: Verdict = { park: false };
  it.each<[string, PublishFailure, boolean, number, Verdict]>([
    ['a refused record sent alone', 'record-rejected', true, 1, { park: true, reason: 'rejected' }],
    ['a refused batch: no row to blame yet', 'record-rejected', false, 0, hold],
    ['an outage, however long', 'unreachable', true, 99, hold],
    ['a principal without the ACL: every row alike', 'not-authorised', true, 99, hold],
    ['a transient error below the limit', 'transient', true, 2, hold],
    ['a transient error at the limit', 'transient', true, 3, { park: true, reason: 'attempts-exhausted' }],
    ['a transient error of a batch', 'transient', false, 5, hold],
  ])('%s', (_case, failure, isolated, isolatedFailures, verdict) => {
    expect(relayFailureVerdict({ failure, isolated, isolatedFailures, maxAttempts: 3 })).toEqual(verdict);
  });
});

describe('deadLetterFailureVerdict', () => {
  it.each<[PublishFailure, Verdict]>([
    ['record-rejected', { park: true, reason: 'rejected' }],
    ['not-authorised', { park: true, reason: 'rejected' }],
    ['unreachable', { park: false }],
    ['transient', { park: false }],
  ])('%s', (failure, verdict) => {
    expect(deadLetterFailureVerdict(failure)).toEqual(verdict);
  });
});
