import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@notify/messaging';
import type { EntityManager } from 'typeorm';

/** What replaces an erased user's id and name where the record itself stays (decided items). */
export const ERASED_USER = 'erased-user';

/**
 * Erases one user from the moderation schema in the caller's transaction: their pending items leave the queue,
 * decided items keep their rows without the user's id, name or address, their moderator seats go, and outbox
 * events naming the user are deleted.
 */
@Injectable()
export class UserErasureRepository {
  constructor(private readonly outbox: OutboxWriter) {}

  async erase(tx: EntityManager, userId: string): Promise<void> {
    const seats = await tx.query<{ display_name: string; contact_email: string }[]>(
      `SELECT display_name, contact_email FROM community_moderators WHERE user_id = $1`,
      [userId],
    );
    const statements = [
      `DELETE FROM moderation_items WHERE requester_id = $1 AND status = 'pending'`,
      `UPDATE moderation_items SET requester_id = $2, message = NULL WHERE requester_id = $1`,
      `UPDATE moderation_items
          SET decided_by_user_id = $2, decided_by_display_name = $2, decided_by_contact_email = NULL
        WHERE decided_by_user_id = $1`,
      `DELETE FROM community_moderators WHERE user_id = $1`,
    ];
    for (const sql of statements) {
      await tx.query(sql, sql.includes('$2') ? [userId, ERASED_USER] : [userId]);
    }
    await this.outbox.eraseMentions(tx, [
      userId,
      ...seats.flatMap((seat) => [seat.display_name, seat.contact_email]),
    ]);
  }
}
