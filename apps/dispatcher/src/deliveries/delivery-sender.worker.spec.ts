import { Logger } from '@nestjs/common';
import { waitFor } from '@notify/testing';
import type { ReplicaLease } from '../claims/replica-lease.service';
import type { DispatcherConfig } from '../config/dispatcher.config';
import { deliveryRow } from '../testing/fixtures';
import type { BatchClaimRepository, ClaimedBatch } from './batch-claim.repository';
import type { DeliveryEntity } from './delivery.entity';
import type { DeliverySender } from './delivery-sender.service';
import { DeliverySenderWorker } from './delivery-sender.worker';
import { NotificationContext } from './notification-context';
import type { DeliveryWakeups } from './delivery-wakeups';

describe('DeliverySenderWorker', () => {
  const batches = { claim: jest.fn() };
  const claimed = (rows: DeliveryEntity[]): ClaimedBatch => ({
    rows,
    context: new NotificationContext(new Map(), new Map(), new Map(), new Set(), new Set()),
  });
  const lease = { replicaId: 'replica-1', isHeld: jest.fn() };
  const sender = { sendBatch: jest.fn() };
  const wakeups = { start: jest.fn(), stop: jest.fn(), wait: jest.fn(), wakeOne: jest.fn() };
  let worker: DeliverySenderWorker;

  function start(overrides: Partial<DispatcherConfig> = {}): Promise<void> {
    const config = {
      SENDER_ENABLED: true,
      SENDER_CONCURRENCY: 1,
      SENDER_BATCH_SIZE: 2,
      SENDER_POLL_INTERVAL: 1000,
      ...overrides,
    } as DispatcherConfig;
    worker = new DeliverySenderWorker(
      config,
      batches as unknown as BatchClaimRepository,
      sender as unknown as DeliverySender,
      wakeups as unknown as DeliveryWakeups,
      lease as unknown as ReplicaLease,
    );
    return worker.onApplicationBootstrap();
  }

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    lease.isHeld.mockReturnValue(true);
    wakeups.start.mockResolvedValue(undefined);
    wakeups.stop.mockResolvedValue(undefined);
    wakeups.wait.mockImplementation(() => new Promise((resolve) => setTimeout(resolve, 5)));
    sender.sendBatch.mockResolvedValue(undefined);
  });

  afterEach(async () => {
    await worker.beforeApplicationShutdown();
  });

  it('sends each claimed batch, then waits for a wake-up while nothing is due', async () => {
    const batch = [deliveryRow({ id: '1' }), deliveryRow({ id: '2' })];
    batches.claim.mockResolvedValueOnce(claimed(batch)).mockResolvedValue(claimed([]));

    await start();

    await waitFor(() => wakeups.wait.mock.calls.length > 0);
    expect(batches.claim).toHaveBeenCalledWith(2, 'replica-1');
    expect(sender.sendBatch).toHaveBeenCalledTimes(1);
    expect(sender.sendBatch).toHaveBeenCalledWith(claimed(batch));
    expect(wakeups.wait).toHaveBeenCalledWith(1000);
  });

  it('polls on one lane only: the others wait for a wake-up', async () => {
    batches.claim.mockResolvedValue(claimed([]));

    await start({ SENDER_CONCURRENCY: 4 });

    await waitFor(() => wakeups.wait.mock.calls.length >= 4);
    const timeouts = wakeups.wait.mock.calls.slice(0, 4).map(([timeoutMs]: [number?]) => timeoutMs);
    expect(timeouts.sort()).toEqual([1000, undefined, undefined, undefined]);
  });

  it('wakes another lane when its claim was full, and only then', async () => {
    batches.claim
      .mockResolvedValueOnce(claimed([deliveryRow({ id: '1' }), deliveryRow({ id: '2' })]))
      .mockResolvedValueOnce(claimed([deliveryRow({ id: '3' })]))
      .mockResolvedValue(claimed([]));

    await start();

    await waitFor(() => sender.sendBatch.mock.calls.length === 2);
    expect(wakeups.wakeOne).toHaveBeenCalledTimes(1);
  });

  it('keeps its lane alive when a claim fails', async () => {
    batches.claim
      .mockRejectedValueOnce(new Error('database restarting'))
      .mockResolvedValueOnce(claimed([deliveryRow()]))
      .mockResolvedValue(claimed([]));

    await start();

    await waitFor(() => sender.sendBatch.mock.calls.length === 1);
  });

  it('claims nothing while its replica lease is not held', async () => {
    lease.isHeld.mockReturnValue(false);
    batches.claim.mockResolvedValue(claimed([deliveryRow()]));

    await start();

    await waitFor(() => wakeups.wait.mock.calls.length > 1);
    expect(batches.claim).not.toHaveBeenCalled();
    expect(sender.sendBatch).not.toHaveBeenCalled();
  });

  it('does not send at all on a replica with sending turned off', async () => {
    await start({ SENDER_ENABLED: false });

    expect(wakeups.start).not.toHaveBeenCalled();
    expect(batches.claim).not.toHaveBeenCalled();
  });
});
