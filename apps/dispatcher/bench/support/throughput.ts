/** How many items a run completed and how long it took. */
export interface Throughput {
  count: number;
  seconds: number;
  perSecond: number;
}

export function throughput(count: number, startedAt: number, finishedAt: number): Throughput {
  const seconds = (finishedAt - startedAt) / 1000;
  return { count, seconds, perSecond: count / seconds };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; resolves with the throughput. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<Throughput> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return throughput(count, startedAt, performance.now());
}
