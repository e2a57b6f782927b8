import { randomUUID } from 'node:crypto';
import { createDataSource, typeOrmOptions } from '@notify/persistence';
import { createTestSchema, getTestInfra, type TestSchema } from '@notify/testing';
import type { DataSource } from 'typeorm';
import { ClaimsRepository } from '../src/claims/claims.repository';
import { DeliveriesRepository } from '../src/deliveries/deliveries.repository';
import { DigestsRepository } from '../src/digests/digests.repository';
import { ENTITIES } from '../src/entities';
import { MIGRATIONS } from '../src/migrations';

// Leases, takeover and the claim fence on the real PostgreSQL: a late result after a re-claim changes nothing.

const LEASE_MS = 8000;
const CLAIM_TIMEOUT_MS = 120_000;

describe('claims of a lost replica', () => {
  let schema: TestSchema;
  let db: DataSource;
  let claims: ClaimsRepository;
  let deliveries: DeliveriesRepository;
  let digests: DigestsRepository;
  const lost = randomUUID();
  const survivor = randomUUID();

  beforeAll(async () => {
    const { postgres } = await getTestInfra();
    schema = await createTestSchema('dispatcher_claims');
    db = await createDataSource(
      typeOrmOptions({ ...postgres, schema: schema.schema, entities: ENTITIES, migrations: MIGRATIONS }),
    );
    claims = new ClaimsRepository(db);
    deliveries = new DeliveriesRepository(db);
    digests = new DigestsRepository(db);
  });

  afterAll(async () => {
    await claims?.close();
    await db?.destroy();
    await schema?.drop();
  });

  beforeEach(async () => {
    await db.query(`TRUNCATE deliveries, digests, notification_events, replica_leases`);
    await claims.renewLease(lost, LEASE_MS);
    await claims.renewLease(survivor, LEASE_MS);
  });

  const expireLease = (replicaId: string): Promise<unknown> =>
    db.query(`UPDATE replica_leases SET expires_at = now() - interval '1 second' WHERE replica_id = $1`, [
      replicaId,
    ]);

  async function pendingDelivery(): Promise<string> {
    const [{ id: eventRef }]: { id: string }[] = await db.query(
      `INSERT INTO notification_events (source, event_id, type, occurred_at, data)
       VALUES ('urn:test', $1, 'platform.mention.created', now(), '{}') RETURNING id`,
      [randomUUID()],
    );
    const [{ id }]: { id: string }[] = await db.query(
      `INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category, members_only, status)
       VALUES ($1, 'user-1', 'recipient', 'activity.mention', 'mentions', false, 'pending') RETURNING id`,
      [eventRef],
    );
    return id;
  }

  async function deliveryState(id: string): Promise<Record<string, unknown>> {
    const rows = await db.query<Record<string, unknown>[]>(
      `SELECT status, ses_message_id, reason, claim_version, claimed_by FROM deliveries WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  it('claims nothing for a replica whose lease expired', async () => {
    await pendingDelivery();
    await expireLease(lost);

    await expect(deliveries.claimDue(10, lost)).resolves.toEqual([]);
    await expect(deliveries.claimDue(10, survivor)).resolves.toHaveLength(1);
  });

  it('takes over a lost replica’s delivery at once and ignores every late result of the old claim', async () => {
    const id = await pendingDelivery();
    const [first] = await deliveries.claimDue(10, lost);
    await expireLease(lost);

    await expect(claims.takeOver(CLAIM_TIMEOUT_MS)).resolves.toEqual([
      { kind: 'delivery', cause: 'replica-lost', count: 1 },
    ]);
    // Late, before anyone claimed it again: it stays pending for the next claim.
    await expect(deliveries.retryLater(first, new Date(Date.now() + 60_000), 'late', true)).resolves.toBe(
      false,
    );
    const [second] = await deliveries.claimDue(10, survivor);
    expect(second.claimVersion).toBe(first.claimVersion + 1);
    await expect(deliveries.markSent(second, 'ses-new', 'en')).resolves.toBe(true);

    await expect(deliveries.markSent(first, 'ses-late', 'en')).resolves.toBe(false);
    await expect(deliveries.retryLater(first, new Date(), 'late', true)).resolves.toBe(false);
    await expect(deliveries.markFailed(first, 'rejected-by-provider', 'late')).resolves.toBe(false);
    await expect(deliveries.markSkipped(first, 'not-a-member')).resolves.toBe(false);
    await expect(deliveryState(id)).resolves.toEqual({
      status: 'sent',
      ses_message_id: 'ses-new',
      reason: null,
      claim_version: second.claimVersion,
      claimed_by: null,
    });
  });

  it('leaves the claims of a live replica alone unless they outlived the claim timeout', async () => {
    await pendingDelivery();
    await deliveries.claimDue(10, survivor);

    await expect(claims.takeOver(CLAIM_TIMEOUT_MS)).resolves.toEqual([]);
    await db.query(`UPDATE deliveries SET claimed_at = now() - interval '3 minutes'`);
    await expect(claims.takeOver(CLAIM_TIMEOUT_MS)).resolves.toEqual([
      { kind: 'delivery', cause: 'timeout', count: 1 },
    ]);
  });

  it('fences a digest and its items the same way', async () => {
    const itemId = await pendingDelivery();
    const [{ id: digestId }]: { id: string }[] = await db.query(
      `INSERT INTO digests (user_id, kind, period_start, status, item_count) VALUES ('user-1', 'daily', current_date,
         'pending', 1) RETURNING id`,
    );
    await db.query(`UPDATE deliveries SET status = 'digest-queued', digest_id = $1 WHERE id = $2`, [
      digestId,
      itemId,
    ]);
    const [first] = await digests.claimDue(10, lost);
    await expireLease(lost);
    await expect(claims.takeOver(CLAIM_TIMEOUT_MS)).resolves.toEqual([
      { kind: 'digest', cause: 'replica-lost', count: 1 },
    ]);
    const [second] = await digests.claimDue(10, survivor);
    await digests.skipItems(first, [itemId], 'not-a-member');
    await expect(deliveryState(itemId)).resolves.toMatchObject({ status: 'digest-queued' });
    await expect(digests.markSent(second, 'ses-digest', 'en')).resolves.toBe(true);

    await expect(digests.markFailed(first, 'rejected-by-provider', 'late')).resolves.toBe(false);
    await expect(digests.retryLater(first, new Date(), 'late', true)).resolves.toBe(false);
    await expect(digests.markSkipped(first, 'empty-digest')).resolves.toBe(false);

    await expect(
      db.query(`SELECT status, ses_message_id FROM digests WHERE id = $1`, [digestId]),
    ).resolves.toEqual([{ status: 'sent', ses_message_id: 'ses-digest' }]);
    await expect(deliveryState(itemId)).resolves.toMatchObject({
      status: 'sent',
      ses_message_id: 'ses-digest',
    });
  });
});
