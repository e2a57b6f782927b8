import { WriteCoalescer } from './write-coalescer';

describe('WriteCoalescer', () => {
  it('writes a lone item at once and the items arriving meanwhile together in the next statement', async () => {
    const statements: number[][] = [];
    let release: () => void = () => undefined;
    const coalescer = new WriteCoalescer<number>((items) => {
      statements.push(items);
      return statements.length === 1 ? new Promise((resolve) => (release = resolve)) : Promise.resolve();
    }, 100);

    const first = coalescer.write(1);
    const later = [coalescer.write(2), coalescer.write(3), coalescer.write(4)];
    expect(statements).toEqual([[1]]);
    release();

    await expect(Promise.all([first, ...later])).resolves.toHaveLength(4);
    expect(statements).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a statement at the batch size', async () => {
    const statements: number[][] = [];
    const coalescer = new WriteCoalescer<number>((items) => {
      statements.push(items);
      return Promise.resolve();
    }, 2);

    await Promise.all([1, 2, 3, 4, 5].map((item) => coalescer.write(item)));

    expect(statements).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('rejects every item of a failed statement and keeps writing the next ones', async () => {
    let calls = 0;
    const coalescer = new WriteCoalescer<string>(() => {
      calls += 1;
      return calls === 2 ? Promise.reject(new Error('connection reset')) : Promise.resolve();
    }, 10);

    const first = coalescer.write('a');
    const failed = [coalescer.write('b'), coalescer.write('c')];
    await expect(first).resolves.toBeUndefined();
    await expect(Promise.allSettled(failed)).resolves.toEqual([
      { status: 'rejected', reason: new Error('connection reset') },
      { status: 'rejected', reason: new Error('connection reset') },
    ]);
    await expect(coalescer.write('d')).resolves.toBeUndefined();
    expect(calls).toBe(3);
  });

  it('answers each item with its own result from the shared statement', async () => {
    const coalescer = new WriteCoalescer<number, boolean>(
      (items) => Promise.resolve(items.map((item) => item % 2 === 0)),
      100,
    );

    await expect(Promise.all([1, 2, 3].map((item) => coalescer.write(item)))).resolves.toEqual([
      false,
      true,
      false,
    ]);
  });
});
