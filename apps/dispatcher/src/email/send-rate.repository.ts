import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
  constructor(private readonly dataSource: DataSource) {}

  async take(bucket: string, want: number, ratePerSecond: number, capacity: number): Promise<TokenGrant> {
    const grant = await this.takeFromExisting(bucket, want, ratePerSecond, capacity);
    if (grant !== undefined) {
      return grant;
    }
    // Only the first take of a bucket pays for creating it.
    await this.dataSource.query(
      `INSERT INTO send_rate_buckets (name, tokens, refilled_at) VALUES ($1, $2, clock_timestamp())
       ON CONFLICT (name) DO NOTHING`,
      [bucket, capacity],
    );
    return (
      (await this.takeFromExisting(bucket, want, ratePerSecond, capacity)) ?? { granted: 0, remaining: 0 }
    );
  }

  /** One statement: refills the bucket and takes what it holds, up to `want`; undefined when it does not exist. */
  private async takeFromExisting(
    bucket: string,
    want: number,
    ratePerSecond: number,
    capacity: number,
  ): Promise<TokenGrant | undefined> {
    // The refill never counts time twice: refilled_at only moves forward, so a late clock reading grants less.
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = await this.dataSource.query<[TokenGrant[], number]>(
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
