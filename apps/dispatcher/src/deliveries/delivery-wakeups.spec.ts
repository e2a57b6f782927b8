import type { DataSource } from 'typeorm';
import { DeliveryWakeups } from './delivery-wakeups';

describe('DeliveryWakeups', () => {
  const settled = async (promise: Promise<boolean>): Promise<boolean> => {
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
    await expect(first).resolves.toBe(true);
  });

  it('keeps a wake-up that found no lane waiting for the next wait, and tells a timeout from a wake-up', async () => {
    const wakeups = new DeliveryWakeups({} as DataSource);

    wakeups.wakeOne();

    await expect(settled(wakeups.wait(60_000))).resolves.toBe(true);
    const next = wakeups.wait(20);
    await expect(settled(next)).resolves.toBe(false);
    await expect(next).resolves.toBe(false);
  });

  it('keeps a lane without a timeout waiting until it is woken or the wake-ups stop', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const wakeups = new DeliveryWakeups({} as DataSource);
      const woken = wakeups.wait();
      const stopped = wakeups.wait();

      jest.advanceTimersByTime(24 * 60 * 60_000);
      expect(jest.getTimerCount()).toBe(0);
      await expect(settled(woken)).resolves.toBe(false);
      wakeups.wakeOne();
      await expect(woken).resolves.toBe(true);
      await wakeups.stop();
      await expect(stopped).resolves.toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
