import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import { errorMessage } from '../shared/errors';
import { OUTBOX_CHANNEL_SQL, RELAY_LOCK_SQL, type SqlRunner } from '../shared/outbox-sql';

export class NotRelayLeaderError extends Error {
  constructor() {
    super('This replica does not hold the outbox relay lock');
    this.name = 'NotRelayLeaderError';
  }
}

/**
 * Leadership of the outbox relay of one schema, held as a session advisory lock on a dedicated connection.
 * If that connection dies the lock is released by PostgreSQL and a stand-by replica takes over; the same
 * connection LISTENs for the outbox NOTIFY and runs the relay's queries, so a replica that lost the lock
 * cannot mark rows published.
 */
export class RelayLeadership {
  private readonly logger = new Logger(RelayLeadership.name);
  private client?: Client;
  private leader = false;
  private pendingWake = false;
  private wake?: () => void;

  constructor(private readonly clientConfig: ClientConfig) {}

  get isLeader(): boolean {
    return this.leader;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.leader) {
      return true;
    }
    const client = await this.connect();
    const { rows } = await client.query<{ locked: boolean; channel: string }>(
      `SELECT pg_try_advisory_lock(${RELAY_LOCK_SQL}) AS locked, ${OUTBOX_CHANNEL_SQL} AS channel`,
    );
    const [{ locked, channel }] = rows;
    if (!locked) {
      return false;
    }
    await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    this.leader = true;
    this.logger.log({ msg: 'outbox relay lock acquired', channel });
    return true;
  }

  runner(): SqlRunner {
    const client = this.client;
    if (!this.leader || !client) {
      throw new NotRelayLeaderError();
    }
    return {
      query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R,
    };
  }

  /** Resolves on the next outbox NOTIFY, after `timeoutMs`, or when `signal` aborts, whichever comes first. */
  waitForWork(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.pendingWake || signal.aborted) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        this.pendingWake = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  /** Gives the lock up and closes the connection. */
  async release(): Promise<void> {
    const client = this.client;
    const wasLeader = this.leader;
    this.client = undefined;
    this.leader = false;
    if (!client) {
      return;
    }
    try {
      if (wasLeader) {
        await client.query(`SELECT pg_advisory_unlock(${RELAY_LOCK_SQL})`);
      }
    } catch (error) {
      this.logger.warn({
        msg: 'could not release the outbox relay lock explicitly',
        error: errorMessage(error),
      });
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async connect(): Promise<Client> {
    if (this.client) {
      return this.client;
    }
    const client = new Client(this.clientConfig);
    client.on('notification', () => this.notify());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private notify(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client) {
      return;
    }
    if (this.leader) {
      this.logger.warn({ msg: 'outbox relay connection lost; lock released', error: error?.message });
    }
    this.client = undefined;
    this.leader = false;
    void client.end().catch(() => undefined);
    this.notify();
  }
}
