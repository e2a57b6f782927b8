import type { DataSource } from 'typeorm';
import { DeliveryWakeups } from './delivery-wakeups';

describe('DeliveryWakeups', () => {
  const settled = async (promise: Promise<void>): Promise<boolean> => {
    let done = false;
    void promise.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('wakes one waiting lane at a time, longest waiting first', async () => {
    const wakeups = new DeliveryWakeups({} as DataSource);
    const first = wakeups.wait(60_000);
    const second = wakeups.wait(60_000);

    wakeups.wakeOne();

    await expect(settled(first)).resolves.toBe(true);
    await expect(settled(second)).resolves.toBe(false);
    wakeups.wakeOne();
    await expect(settled(second)).resolves.toBe(true);
  });

  it('keeps a wake-up that found no lane waiting for the next wait', async () => {
    const wakeups = new DeliveryWakeups({} as DataSource);

    wakeups.wakeOne();

    await expect(settled(wakeups.wait(60_000))).resolves.toBe(true);
    const next = wakeups.wait(20);
    await expect(settled(next)).resolves.toBe(false);
    await expect(next).resolves.toBeUndefined();
  });
});
