import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SnsMessage } from './sns-message';

/** SNS message ids already received: a second delivery of one is a replay. */
@Injectable()
export class SnsMessagesRepository {
  /** False when the message id was recorded before. */
  async record(tx: EntityManager, message: SnsMessage): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO sns_messages (message_id, topic_arn, type, sent_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [message.MessageId, message.TopicArn, message.Type, new Date(message.Timestamp)],
    );
    return rows.length > 0;
  }

  /** Ids older than the oldest accepted message can go: such a message is refused as stale anyway. */
  async forgetBefore(tx: EntityManager, cutoff: Date): Promise<void> {
    await tx.query(`DELETE FROM sns_messages WHERE sent_at < $1`, [cutoff]);
  }
}
