import { EventTypes } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { NotifiableEvent } from '../policy/notifiable-event';
import { EmailRenderer } from '../templates/email-renderer.service';
import { communityOf, deliveryRow, profileOf, TEMPLATE_TEST_SETTINGS } from '../testing/fixtures';
import type { DeliveryEntity } from './delivery.entity';
import { previewDelivery, PREVIEW_UNSUBSCRIBE_URL, type RenderFn } from './delivery-preview';
import { NotificationContext } from './notification-context';

const renderer = new EmailRenderer(TEMPLATE_TEST_SETTINGS);
const render: RenderFn = (request, locale, options) =>
  renderer.render(request.template, locale, request.model, options);

const mention = sampleCloudEvent(EventTypes.MentionCreated, {
  data: {
    mentionId: 'mention-1',
    recipientUserId: 'user-1',
    actor: { userId: 'user-actor-1', displayName: '<b>Ada</b> Author' },
    content: {
      id: 'content-1',
      title: 'Joint procurement of school meals',
      url: 'https://platform.example.org/c/1',
    },
    communityId: 'community-1',
    excerpt: 'The tender closes on Friday.',
  },
}) as NotifiableEvent;

function contextWith(options: {
  event?: NotifiableEvent;
  profile?: boolean;
  locale?: string;
}): NotificationContext {
  const profiles = options.profile === false ? [] : [profileOf('user-1', { locale: options.locale ?? 'en' })];
  const community = communityOf({ visibility: 'open' });
  return new NotificationContext(
    new Map(options.event ? [['7', options.event]] : []),
    new Map([[community.communityId, community]]),
    new Map(profiles.map((profile) => [profile.userId, profile])),
    new Set(),
    new Set(),
  );
}

describe('previewDelivery', () => {
  it('renders the mention again in the recipient language, user data escaped, with an inert unsubscribe link', () => {
    const preview = previewDelivery(
      deliveryRow({ status: 'sent' }),
      contextWith({ event: mention, locale: 'fr' }),
      render,
    );

    expect(preview).toMatchObject({
      deliveryId: '41',
      template: 'activity.mention',
      status: 'sent',
      digestItem: false,
      available: true,
      language: 'fr',
    });
    if (!preview.available) {
      throw new Error('expected a rendering');
    }
    expect(preview.html).toContain('&lt;b&gt;Ada&lt;/b&gt; Author');
    expect(preview.html).not.toContain('<b>Ada</b>');
    expect(preview.html).toContain(PREVIEW_UNSUBSCRIBE_URL);
    expect(preview.text).toContain('Joint procurement of school meals');
    expect(preview.subject).toContain('Ada');
  });

  it('gives no unsubscribe link to an email the recipient cannot switch off', () => {
    const preview = previewDelivery(
      deliveryRow({ template: 'activity.mention', category: 'transactional' }),
      contextWith({ event: mention }),
      render,
    );

    expect(preview.available && preview.html.includes(PREVIEW_UNSUBSCRIBE_URL)).toBe(false);
    expect(preview.available).toBe(true);
  });

  it.each<[string, Partial<DeliveryEntity>, boolean]>([
    ['an immediate email', {}, false],
    ['an item queued for a digest', { status: 'digest-queued', frequency: 'daily' }, true],
    ['an item sent in a digest', { status: 'sent', frequency: 'weekly', digestId: '3' }, true],
  ])('tells whether %s is a digest item', (_case, row, digestItem) => {
    expect(previewDelivery(deliveryRow(row), contextWith({ event: mention }), render).digestItem).toBe(
      digestItem,
    );
  });

  it.each<[string, Partial<DeliveryEntity>, Parameters<typeof contextWith>[0], string]>([
    ['the stored event is gone', {}, {}, 'event-missing'],
    [
      'retention emptied the event payload',
      {},
      { event: { ...mention, data: {} } as NotifiableEvent },
      'content-erased',
    ],
    ['the recipient has no profile', {}, { event: mention, profile: false }, 'no-profile'],
    [
      'the template does not belong to the event',
      { template: 'submission.approved' },
      { event: mention },
      'unrenderable',
    ],
  ])('says it cannot re-render when %s', (_case, row, context, reason) => {
    expect(previewDelivery(deliveryRow(row), contextWith(context), render)).toMatchObject({
      available: false,
      reason,
      deliveryId: '41',
    });
  });
});
