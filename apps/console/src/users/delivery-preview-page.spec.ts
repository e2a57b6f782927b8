import { toDeliveryPreviewPage } from './delivery-preview-page';
import type { DeliveryPreview } from './user-records';

const header = { deliveryId: '41', template: 'activity.mention', status: 'sent', digestItem: false };

describe('toDeliveryPreviewPage', () => {
  it('keeps the re-rendered parts of an available preview', () => {
    const preview: DeliveryPreview = {
      ...header,
      available: true,
      language: 'fr',
      subject: 'Ada vous a mentionné',
      html: '<html lang="fr"></html>',
      text: 'Bonjour',
    };

    expect(toDeliveryPreviewPage('user-1', preview)).toEqual({
      userId: 'user-1',
      ...header,
      rendering: {
        subject: 'Ada vous a mentionné',
        html: '<html lang="fr"></html>',
        text: 'Bonjour',
        language: 'fr',
      },
      unavailable: undefined,
    });
  });

  it.each<[DeliveryPreview['reason'], RegExp]>([
    ['no-profile', /no profile any more/],
    ['content-erased', /erased by retention/],
    ['event-missing', /no longer stored/],
    ['unrenderable', /does not belong to the event/],
    [undefined, /no longer stored/],
  ])('says in words why %s has no preview', (reason, explanation) => {
    const page = toDeliveryPreviewPage('user-1', { ...header, available: false, reason });

    expect(page.rendering).toBeUndefined();
    expect(page.unavailable).toMatch(explanation);
  });
});
