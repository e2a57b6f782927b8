import { Injectable, Logger } from '@nestjs/common';
import { pgClientConfig } from '@notify/persistence';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { DELIVERY_CHANNEL_SQL } from '../database/delivery-channel';

const RECONNECT_DELAY_MS = 2000;

/**
 * LISTENs on its own connection for the NOTIFY sent when deliveries become pending, so an idle sender lane starts
 * within milliseconds. One lane is woken per notification (a lane that finds more work wakes the next), so a busy
 * consumer does not send every lane racing for the same few rows. Without the connection the lanes still poll.
 */
@Injectable()
export class DeliveryWakeups {
  private readonly logger = new Logger(DeliveryWakeups.name);
  private readonly waiters = new Set<() => void>();
  /** A notification that found no lane waiting: the next `wait` returns at once instead of missing it. */
  private missed = false;
  private client?: Client;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  /** The NOTIFY channel listened on; a subclass listens for other work the same way. */
  protected readonly channelSql: string = DELIVERY_CHANNEL_SQL;

  constructor(private readonly dataSource: DataSource) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.wakeAll();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /**
   * Resolves on a wake-up meant for this lane, after `timeoutMs` (without one, only a wake-up), or on `stop()`,
   * whichever comes first: true when woken (or stopped), false when the time ran out.
   */
  wait(timeoutMs?: number): Promise<boolean> {
    if (this.stopped || this.missed) {
      this.missed = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const done = (woken: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(woken);
      };
      const wake = (): void => done(true);
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => done(false), timeoutMs);
      this.waiters.add(wake);
    });
  }

  /** Wakes the lane that has waited longest. */
  wakeOne(): void {
    const [first] = this.waiters;
    if (first) {
      first();
    } else {
      this.missed = true;
    }
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) {
      wake();
    }
  }

  private async connect(): Promise<void> {
    const client = new Client(pgClientConfig(this.dataSource.options as PostgresConnectionOptions));
    client.on('notification', () => this.wakeOne());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    try {
      await client.connect();
      const [{ channel }] = (await client.query<{ channel: string }>(`SELECT ${this.channelSql} AS channel`))
        .rows;
      await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
      this.client = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lost(client, error as Error);
    }
  }

  private lost(client: Client, error: Error): void {
    if (this.client === client) {
      this.client = undefined;
      void client.end().catch(() => undefined);
    }
    if (this.stopped) {
      return;
    }
    this.logger.warn({
      msg: 'notifications unavailable; polling until reconnected',
      listener: this.constructor.name,
      error: error.message,
    });
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), RECONNECT_DELAY_MS);
  }
}
