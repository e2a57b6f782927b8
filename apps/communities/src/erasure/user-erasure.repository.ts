import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@notify/messaging';
import { forgetRateLimitSubject } from '@notify/rate-limit';
import type { EntityManager } from 'typeorm';

/** What replaces an erased user's id where the record itself stays (decisions, published content). */
export const ERASED_USER = 'erased-user';

/**
 * Erases one user from the communities schema in the caller's transaction: memberships, moderator seats and
 * pending access requests and submissions (withdrawn: deleted) go; decided ones and published content keep their
 * rows without the user's id; outbox events naming the user are deleted.
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
      `DELETE FROM memberships WHERE user_id = $1`,
      `DELETE FROM access_requests WHERE user_id = $1 AND status = 'pending'`,
      `UPDATE access_requests SET user_id = $2, message = NULL WHERE user_id = $1`,
      `UPDATE access_requests SET decided_by = $2 WHERE decided_by = $1`,
      `DELETE FROM submissions WHERE author_id = $1 AND status = 'pending'`,
      `UPDATE submissions SET author_id = $2 WHERE author_id = $1`,
      `UPDATE submissions SET decided_by = $2 WHERE decided_by = $1`,
      `UPDATE contents SET author_id = $2 WHERE author_id = $1`,
      `DELETE FROM community_moderators WHERE user_id = $1`,
    ];
    for (const sql of statements) {
      await tx.query(sql, sql.includes('$2') ? [userId, ERASED_USER] : [userId]);
    }
    await forgetRateLimitSubject(tx, userId);
    await this.outbox.eraseMentions(tx, [
      userId,
      ...seats.flatMap((seat) => [seat.display_name, seat.contact_email]),
    ]);
  }
}
