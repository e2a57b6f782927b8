import { Injectable } from '@nestjs/common';
import { pgClientConfig } from '@notify/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { queryRows } from '../database/query-rows';
import { DELIVERY_CHANNEL_SQL } from '../database/delivery-channel';

export type ClaimKind = 'delivery' | 'digest';
export type TakeoverCause = 'replica-lost' | 'timeout';

export interface Takeover {
  kind: ClaimKind;
  cause: TakeoverCause;
  count: number;
}

export const CLAIM_KINDS: readonly ClaimKind[] = ['delivery', 'digest'];
const CLAIM_TABLES: Record<ClaimKind, string> = { delivery: 'deliveries', digest: 'digests' };

/** What a claim handed back sends, so that idle sender lanes take it at once rather than at their next poll. */
const WAKE_UP: Record<ClaimKind, string> = {
  delivery: `pg_notify(${DELIVERY_CHANNEL_SQL}, '')`,
  digest: 'NULL',
};

/** Expired leases are kept a while after their claims are taken over, then deleted. */
const EXPIRED_LEASE_KEPT = '1 hour';

/** Replica leases and the takeover of claims whose replica is gone; every time is the database's clock. */
@Injectable()
export class ClaimsRepository {
  /** Leases are renewed on a connection of their own, so a busy pool cannot make a live replica look dead. */
  private readonly leaseConnection: Pool;

  constructor(private readonly dataSource: DataSource) {
    this.leaseConnection = new Pool({
      ...pgClientConfig(dataSource.options as PostgresConnectionOptions),
      max: 1,
    });
  }

  /** Closes the lease connection; called once the lease is dropped. */
  async close(): Promise<void> {
    await this.leaseConnection.end();
  }

  /** Creates or extends the replica's lease; an expired lease is extended too, as fencing guards its old claims. */
  async renewLease(replicaId: string, ttlMs: number): Promise<void> {
    await this.leaseConnection.query(
      `INSERT INTO replica_leases (replica_id, expires_at)
       VALUES ($1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (replica_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [replicaId, ttlMs],
    );
  }

  /** Ends the lease at once, so any claim left behind is taken over without waiting for it to expire. */
  async dropLease(replicaId: string): Promise<void> {
    await this.leaseConnection.query(`DELETE FROM replica_leases WHERE replica_id = $1`, [replicaId]);
  }

  /**
   * Hands back to `pending` the claims of every kind whose replica holds no live lease (or that are older than
   * `timeoutMs`), in one statement; each will be claimed and sent again. Deliveries handed back wake the sender lanes
   * in the same statement.
   */
  async takeOver(timeoutMs: number): Promise<Takeover[]> {
    const taken = CLAIM_KINDS.map(
      (kind) => `taken_${kind} AS (
         UPDATE ${CLAIM_TABLES[kind]} c
            SET status = 'pending', claimed_by = NULL, claimed_at = NULL, next_attempt_at = now(), updated_at = now()
           FROM (SELECT s.id, CASE WHEN l.replica_id IS NULL THEN 'replica-lost' ELSE 'timeout' END AS cause
                   FROM ${CLAIM_TABLES[kind]} s
                   LEFT JOIN replica_leases l ON l.replica_id = s.claimed_by AND l.expires_at > now()
                  WHERE s.status = 'sending'
                    AND (l.replica_id IS NULL OR s.claimed_at < now() - make_interval(secs => $1::double precision / 1000))
                  FOR UPDATE OF s SKIP LOCKED) stale
          WHERE c.id = stale.id
          RETURNING '${kind}'::text AS kind, stale.cause
       ), woken_${kind} AS (
         SELECT ${WAKE_UP[kind]} WHERE EXISTS (SELECT 1 FROM taken_${kind})
       )`,
    );
    const rows = await queryRows<{ kind: ClaimKind; cause: TakeoverCause; count: string }>(
      this.dataSource,
      `WITH ${taken.join(', ')}
       SELECT kind, cause, count(*) AS count,
              ${CLAIM_KINDS.map((kind) => `(SELECT count(*) FROM woken_${kind})`).join(' + ')} AS woken
         FROM (${CLAIM_KINDS.map((kind) => `SELECT kind, cause FROM taken_${kind}`).join(' UNION ALL ')}) t
        GROUP BY kind, cause
        ORDER BY kind, cause`,
      [timeoutMs],
    );
    return rows.map((row) => ({ kind: row.kind, cause: row.cause, count: Number(row.count) }));
  }

  async dropExpiredLeases(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM replica_leases WHERE expires_at < now() - interval '${EXPIRED_LEASE_KEPT}'`,
    );
  }
}
