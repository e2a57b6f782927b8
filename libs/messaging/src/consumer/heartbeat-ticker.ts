// Ticker: owns heartbeating on a timer while a batch is in progress.
import { Logger } from '@nestjs/common';
import { errorMessage } from '../shared/errors';

// kafkajs protocol error types meaning this member's assignment is being revoked.
const MEMBERSHIP_LOST = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'NOT_COORDINATOR_FOR_GROUP',
  'FENCED_INSTANCE_ID',
]);

/**
 * Heartbeats on a timer while a batch is processed, so a slow handler or a retry wait does not make the broker
 * think the member died (which would trigger a rebalance and redeliveries). kafkajs throttles the calls to
 * its configured heartbeat interval.
 */
export class HeartbeatTicker {
  private readonly logger = new Logger(HeartbeatTicker.name);
  private readonly membershipLost = new AbortController();
  private readonly timer: NodeJS.Timeout;
  readonly signal: AbortSignal;

  constructor(
    private readonly heartbeat: () => Promise<void>,
    intervalMs: number,
    shutdown: AbortSignal,
  ) {
    this.signal = AbortSignal.any([shutdown, this.membershipLost.signal]);
    this.timer = setInterval(() => void this.beat(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    try {
      await this.heartbeat();
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (typeof type === 'string' && MEMBERSHIP_LOST.has(type)) {
        this.logger.warn({ msg: 'group is rebalancing; finishing the current message only', reason: type });
        this.membershipLost.abort();
      } else {
        this.logger.debug({ msg: 'heartbeat failed', error: errorMessage(error) });
      }
    }
  }
}
