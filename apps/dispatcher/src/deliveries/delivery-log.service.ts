import { Injectable } from '@nestjs/common';
import { assertActsFor, type Principal } from '@notify/security';
import { DeliveryLogRepository, type DeliveryLogEntry } from './delivery-log.repository';

export interface DeliveryLogPage {
  items: DeliveryLogEntry[];
  nextCursor: string | null;
}

/** "Why did I (not) get this email?": a user's notifications with their outcome and cause. */
@Injectable()
export class DeliveryLogService {
  constructor(private readonly log: DeliveryLogRepository) {}

  /** @throws ForbiddenException unless the caller is the user or a platform service. */
  async list(principal: Principal, userId: string, limit: number, cursor?: string): Promise<DeliveryLogPage> {
    assertActsFor(principal, userId);
    const rows = await this.log.listForRecipient(userId, limit + 1, cursor);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
