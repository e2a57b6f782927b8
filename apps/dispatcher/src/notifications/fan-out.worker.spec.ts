import { Logger } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import { waitFor } from '@notify/testing';
import { Registry } from 'prom-client';
import type { ReplicaLease } from '../claims/replica-lease.service';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { FanOutJobsRepository } from './fan-out-jobs.repository';
import type { FanOutWakeups } from './fan-out-wakeups';
import { FanOutWorker } from './fan-out.worker';

describe('FanOutWorker', () => {
  const jobs = { planNextPage: jest.fn(), pendingCount: jest.fn() };
  const lease = { isHeld: jest.fn() };
  /** Each wait resolves with the next outcome queued (true: woken, false: the poll interval ran out). */
  const outcomes: boolean[] = [];
  const wakeups = { start: jest.fn(), stop: jest.fn(), wait: jest.fn() };
  let registry: Registry;
  let worker: FanOutWorker;

  async function start(): Promise<void> {
    registry = new Registry();
    worker = new FanOutWorker(
      { FANOUT_PAGE_SIZE: 500, FANOUT_POLL_INTERVAL: 1000 } as DispatcherConfig,
      jobs as unknown as FanOutJobsRepository,
      wakeups as unknown as FanOutWakeups,
      lease as unknown as ReplicaLease,
      new MetricsService(registry),
    );
    await worker.onApplicationBootstrap();
  }

  const pendingGauge = async (): Promise<number | undefined> =>
    (await registry.getSingleMetric('dispatcher_fan_out_jobs_pending')?.get())?.values[0]?.value;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    outcomes.length = 0;
    lease.isHeld.mockReturnValue(true);
    wakeups.start.mockResolvedValue(undefined);
    wakeups.stop.mockResolvedValue(undefined);
    wakeups.wait.mockImplementation(
      () => new Promise((resolve) => setTimeout(() => resolve(outcomes.shift() ?? false), 2)),
    );
    jobs.planNextPage.mockResolvedValue(false);
    jobs.pendingCount.mockResolvedValue(0);
  });

  afterEach(async () => {
    await worker.beforeApplicationShutdown();
  });

  it('polls with a count alone while no job is pending', async () => {
    await start();

    await waitFor(() => jobs.pendingCount.mock.calls.length >= 5);
    expect(jobs.planNextPage).toHaveBeenCalledTimes(1);
    expect(wakeups.wait).toHaveBeenCalledWith(1000);
    expect(await pendingGauge()).toBe(0);
  });

  it('plans pages as soon as it is woken, and while they come, without counting', async () => {
    await start();
    await waitFor(() => jobs.pendingCount.mock.calls.length >= 1);
    jobs.planNextPage.mockResolvedValueOnce(true).mockResolvedValueOnce(true).mockResolvedValue(false);

    outcomes.push(true);

    await waitFor(() => jobs.planNextPage.mock.calls.length >= 4);
    const [, first, , last] = jobs.planNextPage.mock.invocationCallOrder;
    const countsBetween = jobs.pendingCount.mock.invocationCallOrder.filter(
      (order) => order > first && order < last,
    );
    expect(countsBetween).toEqual([]);
  });

  it('looks for a job after a poll that counted one, as when a notification was lost', async () => {
    await start();
    await waitFor(() => jobs.pendingCount.mock.calls.length >= 1);
    jobs.planNextPage.mockResolvedValueOnce(true).mockResolvedValue(false);

    jobs.pendingCount.mockResolvedValueOnce(1).mockResolvedValue(0);

    await waitFor(() => jobs.planNextPage.mock.calls.length >= 3);
    expect(await pendingGauge()).toBe(0);
  });

  it('counts but does not look while the replica lease is not held', async () => {
    lease.isHeld.mockReturnValue(false);
    jobs.pendingCount.mockResolvedValue(2);

    await start();

    await waitFor(() => jobs.pendingCount.mock.calls.length >= 3);
    expect(jobs.planNextPage).not.toHaveBeenCalled();
    expect(await pendingGauge()).toBe(2);
  });
});
