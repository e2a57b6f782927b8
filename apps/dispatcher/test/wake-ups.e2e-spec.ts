import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, communityFactory, userProfileFactory, waitForEmails } from '@notify/testing';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

// Sender lanes that would not poll for an hour: only the NOTIFY of the planning transaction can start them.
describe('sender lanes woken by the transaction that planned the email', () => {
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
});
