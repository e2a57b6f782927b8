import { parkedRowsOf } from './parked-outbox';

describe('parkedRowsOf', () => {
  const row = { id: 'o-1', topic: 'communities.events.v1', attempts: 12 };

  it.each([
    ['an items envelope', { items: [row] }, [row]],
    ['a bare list', [row], [row]],
    ['an empty envelope', { items: [] }, []],
    ['rows without an id dropped', { items: [row, { topic: 'x' }, { id: 7 }] }, [row]],
  ])('reads %s', (_case, answer, rows) => {
    expect(parkedRowsOf(answer)).toEqual(rows);
  });

  it('refuses an answer of another shape', () => {
    expect(() => parkedRowsOf({ rows: [] })).toThrow('neither a list nor { items: [...] }');
  });
});
