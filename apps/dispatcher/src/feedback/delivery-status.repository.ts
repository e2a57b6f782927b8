import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StatusChange } from './delivery-status-rules';

/** Moves deliveries by their SES message id (a digest's items share the digest's id). */
@Injectable()
export class DeliveryStatusRepository {
  /** Resolves with the number of deliveries moved. */
  async apply(tx: EntityManager, messageId: string, change: StatusChange, at: Date): Promise<number> {
    const rows: unknown[] = await tx.query(
      `UPDATE deliveries
          SET status = $2, reason = $3, detail = $4, status_changed_at = $5, updated_at = now()
        WHERE ses_message_id = $1 AND status = ANY($6::varchar[])
        RETURNING id`,
      [messageId, change.status, change.reason, change.detail, at, change.from],
    );
    return (rows[0] as unknown[] | undefined)?.length ?? 0;
  }
}
