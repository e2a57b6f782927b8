import { join } from 'node:path';
import { TEMPLATE_TEST_SETTINGS } from '../testing/fixtures';
import { EmailRenderer } from './email-renderer.service';
import { SUPPORTED_LOCALES } from './locales';
import { MessageCatalog } from './message-catalog';
import type { DigestModel } from './template-models';

const COUNTS = [0, 1, 2, 3, 5, 11, 21, 22, 25, 101];
const PERIODS = ['daily', 'weekly'] as const;

const catalog = MessageCatalog.load(join(__dirname, 'messages'));

function digestWith(count: number, period: DigestModel['period']): DigestModel {
  return {
    recipientName: 'Marc Dubois',
    period,
    composedAt: '2026-03-03T21:00:00Z',
    sections: [
      {
        category: 'mentions',
        communities: [
          {
            communityName: 'Public Procurement Law',
            items: Array.from({ length: count }, (_, index) => ({
              title: `Item ${index + 1}`,
              url: `https://portal.example.org/content/${index + 1}`,
              occurredAt: '2026-03-03T10:00:00Z',
            })),
          },
        ],
      },
    ],
  };
}

describe('plural forms (CLDR, through Intl.PluralRules)', () => {
  it('has plural rules and date formats for all 24 languages in this Node build', () => {
    expect(Intl.PluralRules.supportedLocalesOf([...SUPPORTED_LOCALES])).toEqual([...SUPPORTED_LOCALES]);
    expect(Intl.DateTimeFormat.supportedLocalesOf([...SUPPORTED_LOCALES])).toEqual([...SUPPORTED_LOCALES]);
  });

  it.each(SUPPORTED_LOCALES)('%s writes every plural category its language has, and no other', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const pluralKeys = catalog
      .keys(locale)
      .filter((key) => typeof catalog.ownMessage(locale, key) === 'object');

    expect(pluralKeys.length).toBeGreaterThan(0);
    for (const key of pluralKeys) {
      expect([key, Object.keys(catalog.ownMessage(locale, key) ?? {}).sort()]).toEqual([
        key,
        [...categories].sort(),
      ]);
    }
  });

  const renderer = new EmailRenderer(TEMPLATE_TEST_SETTINGS);
  const cases = SUPPORTED_LOCALES.flatMap((locale) =>
    COUNTS.map((count) => [locale, count, new Intl.PluralRules(locale).select(count)] as const),
  );

  it.each(cases)('%s with %i items uses the "%s" form in the digest subject', (locale, count, category) => {
    for (const period of PERIODS) {
      const message = catalog.ownMessage(locale, `digest.subject.${period}`);
      if (typeof message !== 'object') {
        throw new Error(`digest.subject.${period} is not a plural message in ${locale}`);
      }
      const form = message[category];

      expect(form).toBeDefined();
      const { subject } = renderer.render('digest', locale, digestWith(count, period));
      expect(subject).toBe(String(form).replace('{count}', String(count)));
      expect(subject).toContain(String(count));
    }
  });
});
