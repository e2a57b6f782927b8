import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DispatcherConfig } from '../config/dispatcher.config';
import { ClaimMetrics } from './claim-metrics';
import { ClaimsRepository } from './claims.repository';

/** Leases expired for an hour are deleted about once a minute: nothing waits for it. */
const EXPIRED_LEASE_SWEEP_MS = 60_000;

/**
 * This replica's lease: renewed every REPLICA_LEASE_RENEW_INTERVAL, it makes the replica's claims its own. Each renewal
 * also takes over the claims of replicas whose lease expired, so a crashed replica's work comes back within seconds.
 */
@Injectable()
export class ReplicaLease implements OnModuleInit, OnApplicationShutdown {
  readonly replicaId = randomUUID();
  private readonly logger = new Logger(ReplicaLease.name);
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  /** Local time until which the lease is surely held: the start of the last successful renewal plus the TTL. */
  private heldUntil = 0;
  private sweptAt = 0;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly claims: ClaimsRepository,
    private readonly metrics: ClaimMetrics,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => {
      this.tick ??= this.renewAndTakeOver().finally(() => {
        this.tick = undefined;
      });
    }, this.config.REPLICA_LEASE_RENEW_INTERVAL);
  }

  /**
   * True while at least half the TTL is surely left: a batch claimed now can finish before the lease could run
   * out, so late renewals stop new claims well before other replicas may take the old ones over.
   */
  isHeld(): boolean {
    return Date.now() < this.heldUntil - this.config.REPLICA_LEASE_TTL / 2;
  }

  /** Runs after the sender lanes drained (renewing until then): what is still claimed is taken over at once. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.tick;
    await this.claims.dropLease(this.replicaId).catch((error: unknown) => {
      this.logger.warn({ msg: 'could not drop the replica lease', error: String(error) });
    });
    await this.claims.close();
  }

  private async renew(): Promise<void> {
    const startedAt = Date.now();
    await this.claims.renewLease(this.replicaId, this.config.REPLICA_LEASE_TTL);
    this.heldUntil = startedAt + this.config.REPLICA_LEASE_TTL;
  }

  private async renewAndTakeOver(): Promise<void> {
    try {
      await this.renew();
      for (const { kind, cause, count } of await this.claims.takeOver(this.config.CLAIM_TIMEOUT)) {
        this.metrics.takeovers.inc({ kind, cause }, count);
        this.logger.warn({ msg: 'took over claims', kind, cause, count });
      }
      if (Date.now() - this.sweptAt >= EXPIRED_LEASE_SWEEP_MS) {
        await this.claims.dropExpiredLeases();
        this.sweptAt = Date.now();
      }
    } catch (error) {
      this.logger.warn({
        msg: 'could not renew the replica lease or take over claims',
        error: String(error),
      });
    }
  }
}
