import { Logger } from '@nestjs/common';
import { EventTypes } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import { MetricsService } from '@notify/observability';
import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import { Registry } from 'prom-client';
import { ClaimMetrics } from '../claims/claim-metrics';
import { NotificationContext } from './notification-context';
import { SendingService } from '../sending/sending.service';
import { UnsubscribeLinks } from '../sending/unsubscribe-links';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { EmailSender, WhileHeld } from '../email/email-sender.service';
import { PermanentEmailError, SendingPausedError } from '../email/email.errors';
import type { NotifiableEvent } from '../policy/notifiable-event';
import { membershipKey } from '../read-models/memberships.repository';
import type { ProfileEntity } from '../read-models/profile.entity';
import type { EmailRenderer } from '../templates/email-renderer.service';
import { communityOf, deliveryRow, profileOf } from '../testing/fixtures';
import type { DeliveriesRepository } from './deliveries.repository';
import { DeliveryMetrics } from './delivery-metrics';
import { DeliverySender } from './delivery-sender.service';
import type { DeliveryEntity } from './delivery.entity';

const mention = sampleCloudEvent(EventTypes.MentionCreated) as NotifiableEvent;
const accessRequested = sampleCloudEvent(EventTypes.AccessRequested) as NotifiableEvent;

describe('DeliverySender', () => {
  const renderer = { render: jest.fn() };
  const emails = { send: jest.fn() };
  const deliveries = {
    markSent: jest.fn(),
    markSkipped: jest.fn(),
    markFailed: jest.fn(),
    retryLater: jest.fn(),
  };
  let context: NotificationContext;
  let sender: DeliverySender;
  let registry: Registry;
  let metrics: MetricsService;

  function givenContext(
    options: { profiles?: ProfileEntity[]; members?: string[]; suppressed?: string[] } = {},
  ): void {
    context = new NotificationContext(
      new Map([
        ['7', mention],
        ['8', accessRequested],
      ]),
      new Map([['community-1', communityOf()]]),
      new Map(
        (options.profiles ?? [profileOf('user-1', { locale: 'fr-BE', timeZone: 'Europe/Paris' })]).map(
          (p) => [p.userId, p],
        ),
      ),
      new Set((options.members ?? []).map((userId) => membershipKey({ communityId: 'community-1', userId }))),
      new Set(options.suppressed ?? []),
    );
  }

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    renderer.render.mockReturnValue({
      subject: 'Subject',
      html: '<p>html</p>',
      text: 'text',
      language: 'pl',
    });
    emails.send.mockImplementation(async (_email: unknown, whileHeld: WhileHeld) => {
      await whileHeld({ messageId: 'ses-1' });
      return { messageId: 'ses-1' };
    });
    for (const method of Object.values(deliveries)) {
      method.mockResolvedValue(true);
    }
    givenContext();
    const config = {
      SENDER_MAX_ATTEMPTS: 3,
      SENDER_RETRY_DELAY: 1000,
    } as DispatcherConfig;
    registry = new Registry();
    metrics = new MetricsService(registry);
    const links = new UnsubscribeLinks(
      new UnsubscribeTokens(new LinkSigner([{ id: 'k1', secret: 'delivery-sender-spec-secret-0123456789' }])),
      'https://preferences.example.org',
      60_000,
    );
    sender = new DeliverySender(
      new SendingService(
        config,
        renderer as unknown as EmailRenderer,
        emails as unknown as EmailSender,
        links,
      ),
      deliveries as unknown as DeliveriesRepository,
      new DeliveryMetrics(metrics),
      new ClaimMetrics(metrics),
    );
  });

  const send = (row: DeliveryEntity) => sender.sendBatch({ rows: [row], context });

  it('renders in the recipient’s language and time zone, sends with a one-click link, and records the message id', async () => {
    await send(deliveryRow());

    expect(renderer.render).toHaveBeenCalledWith(
      'activity.mention',
      'fr-BE',
      expect.objectContaining({ recipientName: 'Name of user-1', actorName: 'Ada Author' }),
      {
        unsubscribeUrl: expect.stringMatching(/^https:\/\/preferences\.example\.org\/unsubscribe\?token=/),
        timeZone: 'Europe/Paris',
      },
    );
    expect(emails.send).toHaveBeenCalledWith(
      {
        to: 'user-1@example.org',
        subject: 'Subject',
        html: '<p>html</p>',
        text: 'text',
        notificationId: '41',
        template: 'activity.mention',
        category: 'mentions',
        unsubscribe: { url: expect.stringContaining('/unsubscribe?token=') },
      },
      expect.any(Function),
    );
    expect(deliveries.markSent).toHaveBeenCalledWith(
      expect.objectContaining({ id: '41', claimVersion: 1 }),
      'ses-1',
      'pl',
    );
  });

  it('sends a transactional email without an unsubscribe link', async () => {
    await send(
      deliveryRow({
        eventRef: '8',
        template: 'access-request.acknowledgement',
        category: 'transactional',
        recipientRole: 'requester',
      }),
    );

    expect(emails.send).toHaveBeenCalledWith(
      expect.objectContaining({ unsubscribe: undefined }),
      expect.any(Function),
    );
  });

  it("writes to a moderator at their profile's address, never at the community's contact address", async () => {
    givenContext({ profiles: [profileOf('user-moderator-1', { locale: 'de' })] });

    await send(
      deliveryRow({
        eventRef: '8',
        recipientUserId: 'user-moderator-1',
        recipientRole: 'moderator',
        template: 'access-request.moderator',
        category: 'transactional',
      }),
    );

    expect(renderer.render).toHaveBeenCalledWith(
      'access-request.moderator',
      'de',
      expect.anything(),
      expect.anything(),
    );
    expect(emails.send).toHaveBeenCalledWith(
      expect.objectContaining({ to: 'user-moderator-1@example.org' }),
      expect.any(Function),
    );
  });

  it('skips a moderator without a profile rather than writing to their contact address', async () => {
    givenContext({ profiles: [] });

    await send(
      deliveryRow({
        eventRef: '8',
        recipientUserId: 'user-moderator-1',
        recipientRole: 'moderator',
        template: 'access-request.moderator',
        category: 'transactional',
      }),
    );

    expect(emails.send).not.toHaveBeenCalled();
    expect(deliveries.markSkipped).toHaveBeenCalledWith(
      expect.objectContaining({ id: '41', claimVersion: 1 }),
      'no-profile',
    );
  });

  it.each([
    ['a member who left', { members: [] }, { membersOnly: true }, 'not-a-member'],
    ['a suppressed address', { suppressed: ['user-1@example.org'] }, {}, 'suppressed'],
    [
      'a user who switched to never',
      { profiles: [profileOf('user-1', { preferences: { mentions: 'never' } })] },
      {},
      'preference-never',
    ],
    ['a user without a profile', { profiles: [] }, {}, 'no-profile'],
  ])('skips %s, checked again when the email is built', async (_name, situation, row, reason) => {
    givenContext(situation);

    await send(deliveryRow(row));

    expect(emails.send).not.toHaveBeenCalled();
    expect(deliveries.markSkipped).toHaveBeenCalledWith(
      expect.objectContaining({ id: '41', claimVersion: 1 }),
      reason,
    );
  });

  it('sends restricted content to a current member', async () => {
    givenContext({ members: ['user-1'] });

    await send(deliveryRow({ membersOnly: true }));

    expect(deliveries.markSent).toHaveBeenCalledWith(
      expect.objectContaining({ id: '41', claimVersion: 1 }),
      'ses-1',
      'pl',
    );
  });

  it('fails a notification the provider rejects for good', async () => {
    emails.send.mockRejectedValue(new PermanentEmailError('MessageRejected', 'Address blacklisted'));

    await send(deliveryRow());

    expect(deliveries.markFailed).toHaveBeenCalledWith(
      expect.objectContaining({ id: '41', claimVersion: 1 }),
      'rejected-by-provider',
      expect.stringContaining('Address blacklisted'),
    );
    expect(deliveries.markSent).not.toHaveBeenCalled();
  });

  it('keeps a notification pending while sending is paused, without spending a try', async () => {
    const resumeAt = new Date(Date.now() + 60_000);
    emails.send.mockRejectedValue(new SendingPausedError('SendingPausedException', resumeAt));

    await send(deliveryRow());

    expect(deliveries.retryLater).toHaveBeenCalledWith(
      expect.objectContaining({ id: '41', claimVersion: 1 }),
      resumeAt,
      expect.any(String),
      false,
    );
  });

  it('retries recording a sent email rather than sending it again', async () => {
    deliveries.markSent.mockRejectedValueOnce(new Error('connection reset')).mockResolvedValueOnce(true);

    await send(deliveryRow());

    expect(emails.send).toHaveBeenCalledTimes(1);
    expect(deliveries.markSent).toHaveBeenCalledTimes(2);
    expect(deliveries.retryLater).not.toHaveBeenCalled();
    expect(deliveries.markFailed).not.toHaveBeenCalled();
  });

  it('discards, and counts, a result whose claim was taken over meanwhile', async () => {
    deliveries.markSent.mockResolvedValue(false);

    await send(deliveryRow());

    expect(deliveries.markSent).toHaveBeenCalledTimes(1);
    await expect(registry.getSingleMetricAsString('dispatcher_fenced_results_total')).resolves.toContain(
      'dispatcher_fenced_results_total{kind="delivery"} 1',
    );
    await expect(registry.getSingleMetricAsString('dispatcher_deliveries_total')).resolves.not.toContain(
      'outcome="sent"',
    );
  });
});
