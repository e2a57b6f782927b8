import { expectEveryOperationRequiresAuth, uniqueEmail } from '@notify/testing';
import request from 'supertest';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

// Support's suppression list API against the real database.
describe('suppression management', () => {
  let dispatcher: DispatcherTestApp;
  let service: string;

  beforeAll(async () => {
    dispatcher = await startDispatcher('suppressions');
    service = `Bearer ${await dispatcher.serviceBearer('support-backend')}`;
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  async function suppressed(email: string): Promise<void> {
    await dispatcher.dataSource.query(
      `INSERT INTO email_suppressions (email, reason, detail, message_id, event_source, event_id, occurred_at)
       VALUES ($1, 'bounce', 'smtp; 550 user unknown', 'ses-1', 'urn:notify:dispatcher', 'event-1', now())`,
      [email],
    );
  }

  it('looks an address up with its reason and event, case-insensitively', async () => {
    const email = uniqueEmail('lookup');
    await suppressed(email);

    const response = await request(dispatcher.http)
      .get(`/suppressions?email=${encodeURIComponent(email.toUpperCase())}`)
      .set('Authorization', service)
      .expect(200);

    expect(response.body).toEqual({
      items: [expect.objectContaining({ email, reason: 'bounce', messageId: 'ses-1', eventId: 'event-1' })],
    });
    await request(dispatcher.http)
      .get(`/suppressions?email=${encodeURIComponent(uniqueEmail('never'))}`)
      .set('Authorization', service)
      .expect(200, { items: [] });
  });

  it('removes a suppression with its reason and keeps who removed it', async () => {
    const email = uniqueEmail('remove');
    await suppressed(email);

    await request(dispatcher.http)
      .delete(`/suppressions/${encodeURIComponent(email)}`)
      .set('Authorization', service)
      .send({ reason: 'Mailbox restored, confirmed by phone' })
      .expect(204);

    await expect(
      dispatcher.dataSource.query('SELECT 1 FROM email_suppressions WHERE email = $1', [email]),
    ).resolves.toEqual([]);
    await expect(
      dispatcher.dataSource.query(
        'SELECT suppression_reason, event_id, removed_by, removal_reason FROM email_suppression_removals WHERE email = $1',
        [email],
      ),
    ).resolves.toEqual([
      {
        suppression_reason: 'bounce',
        event_id: 'event-1',
        removed_by: 'support-backend',
        removal_reason: 'Mailbox restored, confirmed by phone',
      },
    ]);
    await request(dispatcher.http)
      .delete(`/suppressions/${encodeURIComponent(email)}`)
      .set('Authorization', service)
      .send({ reason: 'again' })
      .expect(404);
  });

  it('answers bad input with 400 naming the field, and keeps the suppression', async () => {
    const email = uniqueEmail('kept');
    await suppressed(email);

    const missingReason = await request(dispatcher.http)
      .delete(`/suppressions/${encodeURIComponent(email)}`)
      .set('Authorization', service)
      .send({})
      .expect(400);
    const badEmail = await request(dispatcher.http)
      .get('/suppressions?email=not-an-address')
      .set('Authorization', service)
      .expect(400);

    expect(JSON.stringify(missingReason.body)).toContain('reason');
    expect(JSON.stringify(badEmail.body)).toContain('email');
    await expect(
      dispatcher.dataSource.query('SELECT reason FROM email_suppressions WHERE email = $1', [email]),
    ).resolves.toEqual([{ reason: 'bounce' }]);
  });

  it('answers 401 without a token and 403 to a user token', async () => {
    const email = encodeURIComponent(uniqueEmail('auth'));
    const user = `Bearer ${await dispatcher.bearer('user-1')}`;

    await request(dispatcher.http).get(`/suppressions?email=${email}`).expect(401);
    await request(dispatcher.http).delete(`/suppressions/${email}`).send({ reason: 'x' }).expect(401);
    await request(dispatcher.http).get(`/suppressions?email=${email}`).set('Authorization', user).expect(403);
    await request(dispatcher.http)
      .delete(`/suppressions/${email}`)
      .set('Authorization', user)
      .send({ reason: 'x' })
      .expect(403);
  });

  it('leaves only the SNS endpoint, health, metrics and the template preview open among all operations', async () => {
    await expectEveryOperationRequiresAuth(dispatcher.http, {
      publicOperations: [
        'GET /health',
        'GET /health/ready',
        'GET /metrics',
        'GET /templates/preview',
        'GET /templates/preview/{id}/{locale}',
        'POST /ses/events',
      ],
      expectedOperations: ['GET /suppressions', 'DELETE /suppressions/{email}', 'POST /ses/events'],
    });
  });
});
