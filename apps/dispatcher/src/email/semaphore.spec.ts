import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once and every task eventually', async () => {
    const semaphore = new Semaphore(3);
    let running = 0;
    let mostAtOnce = 0;
    const task = async (): Promise<number> => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return 1;
    };

    const results = await Promise.all(Array.from({ length: 20 }, () => semaphore.run(task)));

    expect(results).toHaveLength(20);
    expect(mostAtOnce).toBe(3);
  });

  it('frees the slot of a failed task', async () => {
    const semaphore = new Semaphore(1);

    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
