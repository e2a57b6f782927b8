import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';

export interface TokenGrant {
  granted: number;
  /** Tokens left after the grant (a fraction when the bucket ran dry). */
  remaining: number;
}

/** Takes tokens from a bucket kept in PostgreSQL, refilled from the database's clock, so replicas share it. */
export interface SendRateStore {
  take(bucket: string, want: number, ratePerSecond: number, capacity: number): Promise<TokenGrant>;
}

export const SEND_RATE_STORE = Symbol('SEND_RATE_STORE');

@Injectable()
export class SendRateRepository implements SendRateStore {
  /** Buckets this process has seen exist: a take is then a single statement. */
  private readonly created = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  async take(bucket: string, want: number, ratePerSecond: number, capacity: number): Promise<TokenGrant> {
    if (!this.created.has(bucket)) {
      await this.create(bucket, capacity);
    }
    const grant = await this.takeFrom(bucket, want, ratePerSecond, capacity);
    if (grant !== undefined) {
      return grant;
    }
    // The row went away (a reset): it is created full again, as on first use.
    this.created.delete(bucket);
    await this.create(bucket, capacity);
    return (await this.takeFrom(bucket, want, ratePerSecond, capacity)) ?? { granted: 0, remaining: 0 };
  }

  private async create(bucket: string, capacity: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO send_rate_buckets (name, tokens, refilled_at) VALUES ($1, $2, clock_timestamp())
       ON CONFLICT (name) DO NOTHING`,
      [bucket, capacity],
    );
    this.created.add(bucket);
  }

  private async takeFrom(
    bucket: string,
    want: number,
    ratePerSecond: number,
    capacity: number,
  ): Promise<TokenGrant | undefined> {
    // The refill never counts time twice: refilled_at only moves forward, so a late clock reading grants less.
    const rows = await queryRows<TokenGrant>(
      this.dataSource,
      `WITH current AS (
         SELECT name,
                least($3::float8,
                      tokens + greatest(0, extract(epoch FROM clock_timestamp() - refilled_at)) * $2::float8)
                  AS available,
                greatest(refilled_at, clock_timestamp()) AS at
           FROM send_rate_buckets WHERE name = $1 FOR UPDATE
       )
       UPDATE send_rate_buckets b
          SET tokens = c.available - least($4::int, floor(c.available)), refilled_at = c.at
         FROM current c
        WHERE b.name = c.name
       RETURNING least($4::int, floor(c.available))::int AS granted,
                 (c.available - least($4::int, floor(c.available)))::float8 AS remaining`,
      [bucket, ratePerSecond, capacity, want],
    );
    return rows[0];
  }
}
