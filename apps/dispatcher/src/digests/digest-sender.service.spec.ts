import { Logger } from '@nestjs/common';
import { EventTypes, type EventDataMap } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import { MetricsService } from '@notify/observability';
import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import { Registry } from 'prom-client';
import { ClaimMetrics } from '../claims/claim-metrics';
import { NotificationContext } from '../deliveries/notification-context';
import { SendingService } from '../sending/sending.service';
import { UnsubscribeLinks } from '../sending/unsubscribe-links';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { DeliveryEntity } from '../deliveries/delivery.entity';
import type { EmailSender, WhileHeld } from '../email/email-sender.service';
import { TransientEmailError } from '../email/email.errors';
import type { NotifiableEvent, NotifiableEventType } from '../policy/notifiable-event';
import { membershipKey } from '../read-models/memberships.repository';
import type { ProfileEntity } from '../read-models/profile.entity';
import type { EmailRenderer } from '../templates/email-renderer.service';
import type { DigestModel } from '../templates/template-models';
import { communityOf, deliveryRow, profileOf } from '../testing/fixtures';
import { DigestSender } from './digest-sender.service';
import type { ClaimedDigest, DigestsRepository } from './digests.repository';

function event<T extends NotifiableEventType>(type: T, data: Partial<EventDataMap[T]> = {}): NotifiableEvent {
  const sample = sampleCloudEvent(type);
  return { ...sample, data: { ...sample.data, ...data } } as NotifiableEvent;
}

const digest: ClaimedDigest = { id: '5', userId: 'user-1', kind: 'daily', attempts: 1, claimVersion: 3 };
const mentionItem = deliveryRow({
  id: '1',
  eventRef: '10',
  status: 'digest-queued',
  frequency: 'daily',
  communityId: null,
});
const restrictedItem = deliveryRow({
  id: '2',
  eventRef: '11',
  template: 'activity.content-published',
  category: 'communityActivity',
  recipientRole: 'member',
  membersOnly: true,
  status: 'digest-queued',
});

describe('DigestSender', () => {
  const digests = {
    skipItems: jest.fn(),
    failItems: jest.fn(),
    markSkipped: jest.fn(),
    markSent: jest.fn(),
    markFailed: jest.fn(),
    retryLater: jest.fn(),
  };
  const renderer = { render: jest.fn() };
  const emails = { send: jest.fn() };
  let context: NotificationContext;
  let sender: DigestSender;

  function givenContext(options: { profile?: ProfileEntity; members?: string[] } = {}): void {
    context = new NotificationContext(
      new Map([
        ['10', event(EventTypes.MentionCreated, { communityId: undefined })],
        ['11', event(EventTypes.PlatformContentPublished)],
      ]),
      new Map([['community-1', communityOf()]]),
      new Map([['user-1', options.profile ?? profileOf('user-1', { locale: 'de' })]]),
      new Set(
        (options.members ?? ['user-1']).map((userId) =>
          membershipKey({ communityId: 'community-1', userId }),
        ),
      ),
      new Set(),
    );
  }

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    for (const method of Object.values(digests)) {
      method.mockResolvedValue(true);
    }
    renderer.render.mockReturnValue({
      subject: 'Digest',
      html: '<p>digest</p>',
      text: 'digest',
      language: 'el',
    });
    emails.send.mockImplementation(async (_email: unknown, whileHeld: WhileHeld) => {
      await whileHeld({ messageId: 'ses-9' });
      return { messageId: 'ses-9' };
    });
    givenContext();
    const config = {
      PUBLIC_BASE_URL: 'https://portal.example.org',
      SENDER_MAX_ATTEMPTS: 3,
      SENDER_RETRY_DELAY: 1000,
    } as DispatcherConfig;
    const links = new UnsubscribeLinks(
      new UnsubscribeTokens(new LinkSigner([{ id: 'k1', secret: 'digest-sender-spec-secret-0123456789' }])),
      'https://p.example.org',
      1000,
    );
    sender = new DigestSender(
      config,
      digests as unknown as DigestsRepository,
      new SendingService(
        config,
        renderer as unknown as EmailRenderer,
        emails as unknown as EmailSender,
        links,
      ),
      new ClaimMetrics(new MetricsService(new Registry())),
    );
  });

  const renderedModel = (): DigestModel => renderer.render.mock.calls[0][2] as DigestModel;

  it('sends one email with every item, grouped by category, and marks the digest sent', async () => {
    await expect(sender.send(digest, [mentionItem, restrictedItem], context)).resolves.toBe('sent');

    expect(renderer.render).toHaveBeenCalledWith('digest', 'de', expect.anything(), {
      unsubscribeUrl: undefined,
      timeZone: 'Europe/Brussels',
    });
    expect(renderedModel().sections.map((section) => section.category)).toEqual([
      'mentions',
      'communityActivity',
    ]);
    expect(emails.send).toHaveBeenCalledWith(
      expect.objectContaining({
        to: 'user-1@example.org',
        notificationId: 'digest-5',
        template: 'digest',
        category: 'digest-daily',
        unsubscribe: undefined,
      }),
      expect.any(Function),
    );
    expect(digests.markSent).toHaveBeenCalledWith(digest, 'ses-9', 'el');
  });

  it('leaves out, with its reason, an item of a community the user has left', async () => {
    givenContext({ members: [] });

    await sender.send(digest, [mentionItem, restrictedItem], context);

    expect(digests.skipItems).toHaveBeenCalledWith(digest, ['2'], 'not-a-member');
    expect(renderedModel().sections.map((section) => section.category)).toEqual(['mentions']);
  });

  it('offers one-click unsubscribe when the digest is about one category that can be switched off', async () => {
    await sender.send(digest, [mentionItem], context);

    expect(emails.send).toHaveBeenCalledWith(
      expect.objectContaining({ unsubscribe: { url: expect.stringContaining('/unsubscribe?token=') } }),
      expect.any(Function),
    );
  });

  it('sends nothing when no item may be sent any more', async () => {
    givenContext({ profile: profileOf('user-1', { preferences: { mentions: 'never' } }) });

    await expect(sender.send(digest, [mentionItem], context)).resolves.toBe('skipped');

    expect(digests.skipItems).toHaveBeenCalledWith(digest, ['1'], 'preference-never');
    expect(digests.markSkipped).toHaveBeenCalledWith(digest, 'empty-digest');
    expect(emails.send).not.toHaveBeenCalled();
  });

  it('keeps the digest for a later try after a transient failure', async () => {
    emails.send.mockRejectedValue(new TransientEmailError('Throttling', 3));

    await expect(sender.send(digest, [mentionItem], context)).resolves.toBe('retry');

    expect(digests.retryLater).toHaveBeenCalledWith(digest, expect.any(Date), expect.any(String), true);
    expect(digests.markSent).not.toHaveBeenCalled();
  });

  it('fails an item whose line cannot be built instead of the whole digest', async () => {
    const broken: DeliveryEntity = { ...mentionItem, id: '3', template: 'submission.approved' };

    await expect(sender.send(digest, [broken, mentionItem], context)).resolves.toBe('sent');

    expect(digests.failItems).toHaveBeenCalledWith(digest, ['3'], 'unrenderable', expect.any(String));
  });

  it('reports a result whose claim was taken over meanwhile as fenced', async () => {
    digests.markSent.mockResolvedValue(false);

    await expect(sender.send(digest, [mentionItem], context)).resolves.toBe('fenced');
  });
});
