import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, communityFactory, userProfileFactory, waitForEmails } from '@notify/testing';
import { DataSource } from 'typeorm';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

// Sender lanes that would not poll for an hour: only a NOTIFY (of the planning transaction, of a takeover) starts them.
describe('sender lanes woken by the statement that made the email due', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('wake-ups', { SENDER_POLL_INTERVAL: '1h' });
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  it('sends each mention within seconds, one transaction after another', async () => {
    const readers = [userProfileFactory.build(), userProfileFactory.build()];
    const open = communityFactory.build({ visibility: 'open' });
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommunityCreated, open),
      ...readers.map((reader) => cloudEventFactory.build(EventTypes.PreferenceProfileChanged, reader)),
    );

    for (const reader of readers) {
      await dispatcher.publishAndWait(
        cloudEventFactory.build(EventTypes.MentionCreated, {
          recipientUserId: reader.userId,
          communityId: open.communityId,
        }),
      );
      const emails = await waitForEmails(dispatcher.sesEndpoint, () => true, {
        to: reader.email,
        count: 1,
        timeoutMs: 10_000,
      });
      expect(emails).toHaveLength(1);
    }
  });

  it('sends again within seconds a delivery whose replica is gone, once the lease renewal takes it over', async () => {
    const reader = userProfileFactory.build();
    const open = communityFactory.build({ visibility: 'open' });
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommunityCreated, open),
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, reader),
    );
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.MentionCreated, {
        recipientUserId: reader.userId,
        communityId: open.communityId,
      }),
    );
    await waitForEmails(dispatcher.sesEndpoint, () => true, {
      to: reader.email,
      count: 1,
      timeoutMs: 10_000,
    });

    // As if a replica that no longer holds a lease had claimed the delivery and died before recording it.
    const db = dispatcher.app.get(DataSource);
    const [claimed]: [unknown[], number] = await db.query(
      `UPDATE deliveries SET status = 'sending', claimed_by = gen_random_uuid(), claimed_at = now()
        WHERE recipient_user_id = $1 AND status = 'sent' RETURNING id`,
      [reader.userId],
    );
    expect(claimed).toHaveLength(1);

    const emails = await waitForEmails(dispatcher.sesEndpoint, () => true, {
      to: reader.email,
      count: 2,
      timeoutMs: 10_000,
    });
    expect(emails).toHaveLength(2);
  });
});
