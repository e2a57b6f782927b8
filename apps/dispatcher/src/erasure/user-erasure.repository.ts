import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Pending work of a user: deleted on erasure rather than pseudonymised. */
const PENDING_DELIVERIES = `('pending', 'sending', 'digest-queued')`;
const PENDING_DIGESTS = `('pending', 'sending')`;

/** Text as it appears inside a JSON document (escaped, without the quotes). */
const inJson = (text: string): string => JSON.stringify(text).slice(1, -1);

/**
 * Erases one user from the dispatcher's schema in the caller's transaction: profile, memberships, moderator
 * seats and pending work go; the delivery log and stored events keep their rows with a pseudonym instead.
 * A late result of a claim on a deleted row changes nothing (the claim fence finds no row).
 */
@Injectable()
export class UserErasureRepository {
  async erase(tx: EntityManager, userId: string, pseudonym: string): Promise<void> {
    const [profile] = await tx.query<{ email: string; display_name: string }[]>(
      `SELECT email, display_name FROM profiles WHERE user_id = $1`,
      [userId],
    );
    await tx.query(
      `DELETE FROM deliveries WHERE recipient_user_id = $1 AND status IN ${PENDING_DELIVERIES}`,
      [userId],
    );
    await tx.query(`DELETE FROM digests WHERE user_id = $1 AND status IN ${PENDING_DIGESTS}`, [userId]);
    await tx.query(
      `UPDATE deliveries SET recipient_user_id = $2, detail = NULL WHERE recipient_user_id = $1`,
      [userId, pseudonym],
    );
    await tx.query(`UPDATE digests SET user_id = $2, detail = NULL WHERE user_id = $1`, [userId, pseudonym]);
    await tx.query(`DELETE FROM profiles WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM memberships WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM moderator_alert_windows WHERE user_id = $1`, [userId]);
    await tx.query(
      `UPDATE communities
          SET moderators = (SELECT coalesce(jsonb_agg(m), '[]'::jsonb) FROM jsonb_array_elements(moderators) m
                             WHERE m->>'userId' <> $1)
        WHERE moderators @> jsonb_build_array(jsonb_build_object('userId', $1::text))`,
      [userId],
    );
    // Stored events name the user as recipient, actor or author, and in excerpts: each becomes the pseudonym.
    // The id is replaced as a whole JSON string only; the name and address also inside text.
    const replacements: [string, string][] = [[JSON.stringify(userId), JSON.stringify(pseudonym)]];
    for (const text of [profile?.email, profile?.display_name]) {
      if (text) {
        replacements.push([inJson(text), pseudonym]);
      }
    }
    for (const [needle, replacement] of replacements) {
      await tx.query(
        `UPDATE notification_events SET data = replace(data::text, $1, $2)::jsonb WHERE strpos(data::text, $1) > 0`,
        [needle, replacement],
      );
    }
    // A fan-out job's plan names the actor and the excluded moderators, as whole JSON strings.
    await tx.query(
      `UPDATE fan_out_jobs SET plan = replace(plan::text, $1, $2)::jsonb WHERE strpos(plan::text, $1) > 0`,
      [JSON.stringify(userId), JSON.stringify(pseudonym)],
    );
  }
}
