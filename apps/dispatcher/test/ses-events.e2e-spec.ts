import { EventTypes, type PreferenceProfileData } from '@notify/contracts';
import { cloudEventFactory, userProfileFactory, waitFor } from '@notify/testing';
import request from 'supertest';
import { startDispatcher, type DeliveryLogItem, type DispatcherTestApp } from './support/dispatcher-test-app';
import { sesEvent, TEST_TOPIC_ARN, TestSns, type SnsFields } from './support/test-sns';

// SES feedback over SNS end to end: signed message in, outbox, Kafka, delivery status and suppression out.
describe('SES events over SNS', () => {
  let sns: TestSns;
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    sns = await TestSns.start();
    dispatcher = await startDispatcher('ses_events', {
      SES_EVENTS_TOPIC_ARNS: TEST_TOPIC_ARN,
      SNS_CERTIFICATE_HOSTS: sns.host,
      SNS_CA_FILE: sns.caFile,
      SNS_MAX_MESSAGE_AGE: '10m',
    });
  });

  afterAll(async () => {
    await dispatcher?.close();
    await sns?.stop();
  });

  const post = (body: SnsFields | string) =>
    request(dispatcher.http)
      .post('/ses/events')
      .set('content-type', 'text/plain; charset=UTF-8')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  async function written(): Promise<{ outbox: number; messages: number }> {
    const [row] = await dispatcher.dataSource.query<{ outbox: number; messages: number }[]>(
      `SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM sns_messages)::int AS messages`,
    );
    return row;
  }

  async function sentMention(): Promise<{ profile: PreferenceProfileData; delivery: DeliveryLogItem }> {
    const profile = userProfileFactory.build({});
    await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.PreferenceProfileChanged, profile));
    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.MentionCreated, {
        recipientUserId: profile.userId,
        communityId: undefined,
      }),
    );
    const [delivery] = await dispatcher.settledDeliveries(profile.userId, 1);
    expect(delivery.status).toBe('sent');
    expect(delivery.sesMessageId).toBeDefined();
    return { profile, delivery };
  }

  const statusOf = (
    userId: string,
    status: string,
  ): Promise<DeliveryLogItem & { statusChangedAt?: string }> =>
    waitFor(async () => (await dispatcher.deliveries(userId)).find((item) => item.status === status), {
      timeoutMs: 30_000,
      intervalMs: 200,
      description: `a delivery of ${userId} to become ${status}`,
    });

  it('moves a delivery to delivered on a signed Delivery event', async () => {
    const { profile, delivery } = await sentMention();
    const messageId = delivery.sesMessageId ?? '';

    await post(
      sns.notification(
        sesEvent('Delivery', messageId, profile.email, {
          delivery: { recipients: [profile.email], timestamp: new Date().toISOString() },
        }),
      ),
    ).expect(200, { events: 1 });

    const delivered = await statusOf(profile.userId, 'delivered');
    expect(delivered.statusChangedAt).toEqual(expect.any(String));
  });

  it('accepts SignatureVersion 1 (SHA1) as well', async () => {
    const { profile, delivery } = await sentMention();

    await post(
      sns.notification(
        sesEvent('DeliveryDelay', delivery.sesMessageId ?? '', profile.email, {
          deliveryDelay: { delayType: 'MailboxFull', delayedRecipients: [{ emailAddress: profile.email }] },
        }),
        { SignatureVersion: '1' },
      ),
    ).expect(200, { events: 1 });

    await expect(statusOf(profile.userId, 'delayed')).resolves.toMatchObject({ status: 'delayed' });
  });

  it('bounces, suppresses the address with the event, and skips the next email as suppressed', async () => {
    const { profile, delivery } = await sentMention();
    const bounce = sesEvent('Bounce', delivery.sesMessageId ?? '', profile.email, {
      bounce: {
        bounceType: 'Permanent',
        timestamp: new Date().toISOString(),
        bouncedRecipients: [{ emailAddress: profile.email, diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
      },
    });

    await post(sns.notification(bounce)).expect(200, { events: 1 });

    await expect(statusOf(profile.userId, 'bounced')).resolves.toMatchObject({ reason: 'permanent' });
    const [suppression] = await dispatcher.dataSource.query<
      { reason: string; message_id: string; event_id: string | null }[]
    >('SELECT reason, message_id, event_id FROM email_suppressions WHERE email = $1', [
      profile.email.toLowerCase(),
    ]);
    expect(suppression).toMatchObject({ reason: 'bounce', message_id: delivery.sesMessageId });
    expect(suppression.event_id).toEqual(expect.any(String));

    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.MentionCreated, {
        recipientUserId: profile.userId,
        communityId: undefined,
      }),
    );
    const skipped = await waitFor(
      async () => (await dispatcher.deliveries(profile.userId)).find((item) => item.status === 'skipped'),
      { timeoutMs: 20_000, intervalMs: 200, description: 'the next mention to be skipped' },
    );
    expect(skipped.reason).toBe('suppressed');
  });

  it('is public in the OpenAPI document, while the suppression list needs a bearer token', async () => {
    const { body } = await request(dispatcher.http).get('/docs-json').expect(200);
    const document = body as {
      security?: unknown;
      paths: Record<string, Record<string, { security?: unknown }>>;
    };

    expect(document.paths['/ses/events']?.post?.security).toEqual([]);
    expect(document.paths['/suppressions']?.get?.security ?? document.security).toEqual([{ bearer: [] }]);
  });

  it('confirms a subscription of a configured topic, and not of another', async () => {
    await post(sns.subscriptionConfirmation()).expect(200, { events: 0 });
    expect(sns.confirmations).toHaveLength(1);

    const other = sns.subscriptionConfirmation({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:other' });
    await post(other).expect(403);
    expect(sns.confirmations).toHaveLength(1);
  });

  it('answers 400 to a signed message whose SES event cannot be carried, and writes nothing', async () => {
    const before = await written();

    await post(
      sns.notification(
        sesEvent('Delivery', 'ses-message-invalid', 'not an address', {
          delivery: { recipients: ['not an address'] },
        }),
      ),
    ).expect(400);
    await post(sns.notification({ eventType: 'Delivery' })).expect(400);

    await expect(written()).resolves.toEqual(before);
  });

  describe('refuses with 403 and writes nothing', () => {
    const delivered = (): object =>
      sesEvent('Delivery', 'ses-message-refused', 'someone@example.org', {
        delivery: { recipients: ['someone@example.org'] },
      });

    it.each<[string, () => SnsFields | string]>([
      ['an unsigned message', () => ({ ...sns.notification(delivered()), Signature: undefined })],
      [
        'a forged message (changed after signing)',
        () => ({ ...sns.notification(delivered()), Message: '{"eventType":"Bounce"}' }),
      ],
      [
        'a signature of another message',
        () => ({ ...sns.notification(delivered()), Signature: sns.notification({ other: 1 }).Signature }),
      ],
      [
        'a topic that is not configured',
        () => sns.notification(delivered(), { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:other' }),
      ],
      [
        'a stale message',
        () => sns.notification(delivered(), { Timestamp: new Date(Date.now() - 11 * 60_000).toISOString() }),
      ],
      [
        'a certificate on a host not allowed',
        () =>
          sns.notification(delivered(), { SigningCertURL: 'https://sns.eu-west-1.evil.example/cert.pem' }),
      ],
      [
        'a certificate over plain http',
        () =>
          sns.notification(delivered(), { SigningCertURL: sns.certificateUrl.replace('https:', 'http:') }),
      ],
      ['an unknown signature version', () => sns.notification(delivered(), { SignatureVersion: '3' })],
      ['a body that is not an SNS message', () => 'hello'],
    ])('%s', async (_, message) => {
      const before = await written();

      await post(message()).expect(403);

      await expect(written()).resolves.toEqual(before);
    });

    it('a replayed message (same MessageId twice)', async () => {
      const message = sns.notification(delivered());
      await post(message).expect(200);
      const before = await written();

      await post(message).expect(403);

      await expect(written()).resolves.toEqual(before);
    });
  });
});
