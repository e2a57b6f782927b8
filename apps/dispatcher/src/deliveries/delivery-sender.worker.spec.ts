import { Logger } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import { waitFor } from '@notify/testing';
import { Registry } from 'prom-client';
import type { DispatcherConfig } from '../config/dispatcher.config';
import { deliveryRow } from '../testing/fixtures';
import type { DeliveriesRepository } from './deliveries.repository';
import { DeliveryMetrics } from './delivery-metrics';
import type { DeliverySender } from './delivery-sender.service';
import { DeliverySenderWorker } from './delivery-sender.worker';
import type { DeliveryWakeups } from './delivery-wakeups';

describe('DeliverySenderWorker', () => {
  const deliveries = { claimDue: jest.fn(), releaseStaleClaims: jest.fn() };
  const sender = { sendBatch: jest.fn() };
  const wakeups = { start: jest.fn(), stop: jest.fn(), wait: jest.fn(), wakeOne: jest.fn() };
  const registry = new Registry();
  let worker: DeliverySenderWorker;

  function start(overrides: Partial<DispatcherConfig> = {}): Promise<void> {
    const config = {
      SENDER_ENABLED: true,
      SENDER_CONCURRENCY: 1,
      SENDER_BATCH_SIZE: 2,
      SENDER_POLL_INTERVAL: 1000,
      CLAIM_TIMEOUT: 4000,
      ...overrides,
    } as DispatcherConfig;
    worker = new DeliverySenderWorker(
      config,
      deliveries as unknown as DeliveriesRepository,
      sender as unknown as DeliverySender,
      wakeups as unknown as DeliveryWakeups,
      new DeliveryMetrics(new MetricsService(registry)),
    );
    return worker.onApplicationBootstrap();
  }

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    registry.resetMetrics();
    wakeups.start.mockResolvedValue(undefined);
    wakeups.stop.mockResolvedValue(undefined);
    wakeups.wait.mockImplementation(() => new Promise((resolve) => setTimeout(resolve, 5)));
    sender.sendBatch.mockResolvedValue(undefined);
    deliveries.releaseStaleClaims.mockResolvedValue(0);
  });

  afterEach(async () => {
    await worker.beforeApplicationShutdown();
  });

  it('sends each claimed batch, then waits for a wake-up while nothing is due', async () => {
    const batch = [deliveryRow({ id: '1' }), deliveryRow({ id: '2' })];
    deliveries.claimDue.mockResolvedValueOnce(batch).mockResolvedValue([]);

    await start();

    await waitFor(() => wakeups.wait.mock.calls.length > 0);
    expect(deliveries.claimDue).toHaveBeenCalledWith(2);
    expect(sender.sendBatch).toHaveBeenCalledTimes(1);
    expect(sender.sendBatch).toHaveBeenCalledWith(batch);
    expect(wakeups.wait).toHaveBeenCalledWith(1000);
  });

  it('wakes another lane when its claim was full, and only then', async () => {
    deliveries.claimDue
      .mockResolvedValueOnce([deliveryRow({ id: '1' }), deliveryRow({ id: '2' })])
      .mockResolvedValueOnce([deliveryRow({ id: '3' })])
      .mockResolvedValue([]);

    await start();

    await waitFor(() => sender.sendBatch.mock.calls.length === 2);
    expect(wakeups.wakeOne).toHaveBeenCalledTimes(1);
  });

  it('keeps its lane alive when a claim fails', async () => {
    deliveries.claimDue
      .mockRejectedValueOnce(new Error('database restarting'))
      .mockResolvedValueOnce([deliveryRow()])
      .mockResolvedValue([]);

    await start();

    await waitFor(() => sender.sendBatch.mock.calls.length === 1);
  });

  it('releases expired claims and counts them as possible duplicates', async () => {
    deliveries.claimDue.mockResolvedValue([]);
    deliveries.releaseStaleClaims.mockResolvedValue(3);
    await start({ CLAIM_TIMEOUT: 4000 });

    // Checked every quarter of the timeout, at least every second.
    await waitFor(() => deliveries.releaseStaleClaims.mock.calls.length > 0, { timeoutMs: 3000 });
    expect(deliveries.releaseStaleClaims).toHaveBeenCalledWith(4000);
    expect(await registry.getSingleMetricAsString('dispatcher_expired_claims_total')).toContain(
      'dispatcher_expired_claims_total{kind="delivery"} 3',
    );
  });

  it('does not send at all on a replica with sending turned off', async () => {
    await start({ SENDER_ENABLED: false });

    expect(wakeups.start).not.toHaveBeenCalled();
    expect(deliveries.claimDue).not.toHaveBeenCalled();
  });
});
