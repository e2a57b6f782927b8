import { HeartbeatTicker } from './heartbeat-ticker';

describe('HeartbeatTicker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('heartbeats on every interval while work is in progress, and stops when told', async () => {
    const heartbeat = jest.fn().mockResolvedValue(undefined);
    const ticker = new HeartbeatTicker(heartbeat, 1000, new AbortController().signal);

    await jest.advanceTimersByTimeAsync(3500);
    ticker.stop();
    await jest.advanceTimersByTimeAsync(5000);

    expect(heartbeat).toHaveBeenCalledTimes(3);
    expect(ticker.signal.aborted).toBe(false);
  });

  it('signals when the group rebalances away from this member', async () => {
    const rebalancing = Object.assign(new Error('The group is rebalancing'), {
      type: 'REBALANCE_IN_PROGRESS',
    });
    const ticker = new HeartbeatTicker(
      jest.fn().mockRejectedValue(rebalancing),
      1000,
      new AbortController().signal,
    );

    await jest.advanceTimersByTimeAsync(1000);
    ticker.stop();

    expect(ticker.signal.aborted).toBe(true);
  });

  it('tolerates a transient heartbeat failure', async () => {
    const ticker = new HeartbeatTicker(
      jest.fn().mockRejectedValue(new Error('timeout')),
      1000,
      new AbortController().signal,
    );

    await jest.advanceTimersByTimeAsync(2000);
    ticker.stop();

    expect(ticker.signal.aborted).toBe(false);
  });

  it('signals on shutdown', () => {
    const shutdown = new AbortController();
    const ticker = new HeartbeatTicker(jest.fn(), 1000, shutdown.signal);

    shutdown.abort();
    ticker.stop();

    expect(ticker.signal.aborted).toBe(true);
  });
});
