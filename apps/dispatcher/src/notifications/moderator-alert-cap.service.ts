import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DispatcherConfig } from '../config/dispatcher.config';
import type { NewDelivery } from '../deliveries/deliveries.repository';
import { alertWindow, heldBack, isCappedAlert } from '../policy/moderator-alert-cap';
import { ModeratorAlertWindowsRepository, type AlertWindowCount } from './moderator-alert-windows.repository';

/** A delivery about to be inserted, with the time of the event that caused it. */
export interface TimedDelivery {
  delivery: NewDelivery;
  occurredAt: Date;
}

/**
 * Holds back, for the hour's summary, each moderator's alerts beyond MODERATOR_ALERTS_PER_HOUR. Only alerts that
 * would be sent at once count, so skipped ones never use up the cap.
 */
@Injectable()
export class ModeratorAlertCap {
  constructor(
    private readonly config: DispatcherConfig,
    private readonly windows: ModeratorAlertWindowsRepository,
  ) {}

  async apply(items: readonly TimedDelivery[], tx: EntityManager): Promise<NewDelivery[]> {
    const cap = this.config.MODERATOR_ALERTS_PER_HOUR;
    const now = new Date();
    const counted = new Map<string, { count: AlertWindowCount; end: Date; positions: number[] }>();
    items.forEach(({ delivery, occurredAt }, position) => {
      if (cap === 0 || delivery.decision.status !== 'pending' || !isCappedAlert(alertOf(delivery))) {
        return;
      }
      const window = alertWindow(occurredAt, now);
      const key = `${delivery.recipientUserId}\u0000${window.start.toISOString()}`;
      const entry = counted.get(key) ?? {
        count: { userId: delivery.recipientUserId, windowStart: window.start, added: 0 },
        end: window.end,
        positions: [],
      };
      entry.count.added += 1;
      entry.positions.push(position);
      counted.set(key, entry);
    });
    const deliveries = items.map(({ delivery }) => delivery);
    if (counted.size === 0) {
      return deliveries;
    }
    // Sorted, so concurrent transactions lock the counters in one order and cannot deadlock.
    const entries = [...counted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
    const before = await this.windows.add(
      entries.map((entry) => entry.count),
      tx,
    );
    for (const entry of entries) {
      heldBack(cap, before(entry.count), entry.count.added).forEach((held, index) => {
        const position = entry.positions[index];
        if (held) {
          deliveries[position] = { ...deliveries[position], decision: { status: 'held', until: entry.end } };
        }
      });
    }
    return deliveries;
  }
}

function alertOf(delivery: NewDelivery): Parameters<typeof isCappedAlert>[0] {
  return { role: delivery.recipientRole, category: delivery.category, template: delivery.template };
}
