import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;

    await expect(
      waitFor(() => (++calls >= 3 ? `done after ${calls}` : undefined), { intervalMs: 1 }),
    ).resolves.toBe('done after 3');
  });

  it('retries a probe that throws', async () => {
    let calls = 0;
    const probe = (): boolean => {
      calls += 1;
      if (calls < 2) {
        throw new Error('not yet');
      }
      return true;
    };

    await expect(waitFor(probe, { intervalMs: 1 })).resolves.toBe(true);
  });

  it('times out naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('row missing');
        },
        { timeoutMs: 30, intervalMs: 5, description: 'the delivery row' },
      ),
    ).rejects.toThrow('Timed out after 30 ms waiting for the delivery row: row missing');
  });
});
