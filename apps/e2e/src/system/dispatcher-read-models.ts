import type { NotificationPreferences } from '@notify/contracts';
import { waitFor, type PostgresEndpoint } from '@notify/testing';
import { Pool } from 'pg';

export interface ProfileFacts extends Partial<NotificationPreferences> {
  email?: string;
  locale?: string;
  timeZone?: string;
}

const WAIT_MS = 20_000;

/**
 * Reads the dispatcher's projections of other services' events. Profiles, memberships and activity travel on
 * different topics, which Kafka does not order against each other; a scenario that needs "the dispatcher knows X
 * before event Y" waits here instead of sleeping. Only for synchronisation: outcomes are asserted through the
 * emails and the delivery log.
 */
export class DispatcherReadModels {
  private readonly pool: Pool;

  constructor(endpoint: PostgresEndpoint, schema: string) {
    this.pool = new Pool({ ...endpoint, max: 2, options: `-c search_path=${schema}` });
  }

  async waitForProfile(userId: string, expected: ProfileFacts = {}): Promise<void> {
    await this.waitForProfiles([userId], expected, WAIT_MS);
  }

  /** Waits until the dispatcher knows every one of `userIds` with the `expected` facts. */
  async waitForProfiles(
    userIds: readonly string[],
    expected: ProfileFacts = {},
    timeoutMs = WAIT_MS,
  ): Promise<void> {
    let matching = 0;
    const described =
      userIds.length === 1 ? `profile ${userIds[0]}` : `${userIds.length} profiles (${userIds[0]}, ...)`;
    try {
      await waitFor(
        async () => {
          const { rows } = await this.pool.query<Record<string, string>>(
            `SELECT email, locale, time_zone AS "timeZone", mentions, comments, private_messages AS "privateMessages",
                    community_activity AS "communityActivity"
               FROM profiles WHERE user_id = ANY($1::text[])`,
            [userIds],
          );
          matching = rows.filter((row) =>
            Object.entries(expected).every(([field, value]) => row[field] === value),
          ).length;
          return matching === userIds.length;
        },
        {
          timeoutMs,
          intervalMs: 150,
          description: `the dispatcher to know ${described} ${JSON.stringify(expected)}`,
        },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message} (${matching} of ${userIds.length} match)`, {
        cause: error,
      });
    }
  }

  async waitForMembership(communityId: string, userId: string, state: 'joined' | 'left'): Promise<void> {
    await waitFor(
      async () => {
        const { rows } = await this.pool.query<{ state: string }>(
          'SELECT state FROM memberships WHERE community_id = $1 AND user_id = $2',
          [communityId, userId],
        );
        return rows[0]?.state === state;
      },
      {
        timeoutMs: WAIT_MS,
        intervalMs: 150,
        description: `the dispatcher to see ${userId} ${state} ${communityId}`,
      },
    );
  }

  async waitForCommunity(communityId: string): Promise<void> {
    await waitFor(
      async () => {
        const { rowCount } = await this.pool.query('SELECT 1 FROM communities WHERE community_id = $1', [
          communityId,
        ]);
        return (rowCount ?? 0) > 0;
      },
      { timeoutMs: WAIT_MS, intervalMs: 150, description: `the dispatcher to know community ${communityId}` },
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
