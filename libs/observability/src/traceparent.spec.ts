import { childTraceparent, formatTraceparent, newTraceparent, parseTraceparent } from './traceparent';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const FORMAT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

describe('traceparent', () => {
  it('parses a valid header', () => {
    expect(parseTraceparent(VALID)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
      flags: '01',
    });
  });

  it('accepts fields appended by a later version', () => {
    expect(parseTraceparent(`cc-${VALID.slice(3)}-what-the-future-holds`)?.traceId).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it.each([
    undefined,
    '',
    'garbage',
    VALID.toUpperCase(),
    `ff-${VALID.slice(3)}`,
    `${VALID}-extra`,
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
  ])('rejects %p', (header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('formats what it parses', () => {
    expect(formatTraceparent(parseTraceparent(VALID)!)).toBe(VALID);
  });

  it('starts new sampled traces with distinct ids', () => {
    const first = newTraceparent();
    const second = newTraceparent();

    expect(first).toMatch(FORMAT);
    expect(parseTraceparent(first)?.traceId).not.toBe(parseTraceparent(second)?.traceId);
  });

  it('keeps drawing distinct, well-formed ids across refills of its random pool', () => {
    const ids = Array.from({ length: 1000 }, () => newTraceparent());

    expect(ids.every((id) => FORMAT.test(id))).toBe(true);
    expect(new Set(ids.map((id) => parseTraceparent(id)?.traceId)).size).toBe(ids.length);
    expect(new Set(ids.map((id) => parseTraceparent(id)?.parentId)).size).toBe(ids.length);
  });

  it('continues a trace in a new span', () => {
    const child = childTraceparent(VALID);

    expect(parseTraceparent(child)).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      flags: '01',
    });
    expect(parseTraceparent(child)?.parentId).not.toBe('00f067aa0ba902b7');
  });

  it('starts a new trace when the parent is unusable', () => {
    expect(childTraceparent('nonsense')).toMatch(FORMAT);
    expect(childTraceparent(undefined)).toMatch(FORMAT);
  });
});
