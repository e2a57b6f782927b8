import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, type SupportedLocale } from './locales';
import { MessageCatalog, type Message } from './message-catalog';

const catalog = MessageCatalog.load(join(__dirname, 'messages'));
const englishKeys = catalog.keys(DEFAULT_LOCALE);

const GLOSSARY_TERMS = [
  'community',
  'moderator',
  'accessRequest',
  'submission',
  'digest',
  'notificationSettings',
] as const;
type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];

interface Glossary {
  register: string;
  terms: Record<GlossaryTerm, { term: string; stems: string[] }>;
}

/** The messages that name a glossary term, in every language; each must use that language's word for it. */
const TERM_KEYS: Readonly<Record<GlossaryTerm, readonly string[]>> = {
  community: [
    'common.actions.openCommunity',
    'access-request.moderator.intro',
    'access-request.approved.next',
    'community.member-joined.moderator.intro',
    'community.content-published.moderator.intro',
  ],
  moderator: ['common.decision.reasonLabel', 'access-request.acknowledgement.intro'],
  accessRequest: [
    'access-request.acknowledgement.subject',
    'access-request.rejected.subject',
    'moderation.reminder.access-request.subject',
    'moderation.alert-summary.kinds.access-request',
  ],
  submission: [
    'submission.moderator.action',
    'submission.approved.subject',
    'submission.rejected.subject',
    'moderation.reminder.submission.subject',
    'moderation.alert-summary.kinds.submission',
  ],
  digest: [
    'digest.subject.daily',
    'digest.subject.weekly',
    'digest.intro.daily',
    'digest.intro.weekly',
    'digest.heading.daily',
    'digest.heading.weekly',
  ],
  notificationSettings: ['common.footer.settingsLink'],
};

/** Values that may read the same as English, with the reason. Keyed `<locale>:<key>`. */
const SAME_AS_ENGLISH: Readonly<Record<string, string>> = {
  'fr:common.categories.mentions': '"Mentions" is the French word as well',
};
// Words that occur in English sentences but in none of the other 23 languages' catalogs.
const ENGLISH_MARKERS =
  /\b(the|your|you|been|please|request|summary|published|mentioned|approved|moderate)\b/i;

function glossary(locale: SupportedLocale): Glossary {
  return JSON.parse(readFileSync(join(__dirname, 'glossary', `${locale}.json`), 'utf8')) as Glossary;
}

function forms(message: Message | undefined): string[] {
  if (message === undefined) {
    return [];
  }
  return typeof message === 'string' ? [message] : Object.values(message);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}

/** Placeholder names of a message, every plural form together, `count` aside (English may write "1 item"). */
function placeholderSet(message: Message | undefined): string {
  const names = forms(message).flatMap(placeholders);
  return [...new Set(names)]
    .filter((name) => name !== 'count')
    .sort()
    .join();
}

const words = (text: string): string =>
  text
    .replace(/\{\w+\}/g, '')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();

/** A stem matches when one of its `|`-separated alternatives occurs in the text, ignoring case. */
function containsStem(text: string, stem: string, locale: SupportedLocale): boolean {
  const haystack = text.toLocaleLowerCase(locale);
  return stem.split('|').some((alternative) => haystack.includes(alternative.toLocaleLowerCase(locale)));
}

describe('message catalogs in all 24 official EU languages', () => {
  it('has one catalog and one glossary per language', () => {
    expect(SUPPORTED_LOCALES).toHaveLength(24);
    for (const locale of SUPPORTED_LOCALES) {
      expect(Object.keys(glossary(locale).terms).sort()).toEqual([...GLOSSARY_TERMS].sort());
    }
  });

  const summary = SUPPORTED_LOCALES.map((locale) => {
    const own = new Set(catalog.keys(locale));
    return [locale, englishKeys.filter((key) => own.has(key)).length, englishKeys.length] as const;
  });

  it.each(summary)('%s has %i of the %i English keys and no other', (locale) => {
    expect(catalog.keys(locale).sort()).toEqual([...englishKeys].sort());
  });

  it.each(SUPPORTED_LOCALES)('%s uses the same placeholders as English in every message', (locale) => {
    const mismatched = englishKeys.filter(
      (key) =>
        placeholderSet(catalog.ownMessage(locale, key)) !== placeholderSet(catalog.ownMessage('en', key)),
    );

    expect(mismatched).toEqual([]);
  });

  it.each(SUPPORTED_LOCALES)(
    '%s writes {count} in every plural form that covers more than the number 1',
    (locale) => {
      const rules = new Intl.PluralRules(locale);
      const coversOtherThanOne = (category: string): boolean =>
        Array.from({ length: 1000 }, (_, n) => n).some((n) => n !== 1 && rules.select(n) === category);
      const missing = englishKeys.flatMap((key) => {
        const message = catalog.ownMessage(locale, key);
        if (message === undefined || typeof message === 'string') {
          return [];
        }
        return Object.entries(message)
          .filter(([category, text]) => coversOtherThanOne(category) && !text.includes('{count}'))
          .map(([category]) => `${key}.${category}`);
      });

      expect(missing).toEqual([]);
    },
  );

  it.each(SUPPORTED_LOCALES.filter((locale) => locale !== DEFAULT_LOCALE))(
    '%s leaves no message in English unless listed with a reason',
    (locale) => {
      const untranslated = englishKeys.filter((key) => {
        if (Object.hasOwn(SAME_AS_ENGLISH, `${locale}:${key}`)) {
          return false;
        }
        const english = forms(catalog.ownMessage('en', key)).map(words);
        return forms(catalog.ownMessage(locale, key)).some((text) => {
          const own = words(text);
          return own !== '' && (english.includes(own) || ENGLISH_MARKERS.test(own));
        });
      });

      expect(untranslated).toEqual([]);
    },
  );

  it('lists only exceptions that are still needed', () => {
    for (const entry of Object.keys(SAME_AS_ENGLISH)) {
      const [locale, key] = entry.split(':') as [SupportedLocale, string];
      expect(forms(catalog.ownMessage(locale, key)).map(words)).toEqual(
        forms(catalog.ownMessage('en', key)).map(words),
      );
    }
  });

  it.each(SUPPORTED_LOCALES)("%s glossary stems come from the glossary's own terms", (locale) => {
    for (const { term, stems } of Object.values(glossary(locale).terms)) {
      expect(stems.length).toBeGreaterThan(0);
      for (const stem of stems) {
        expect(`${term} ∋ ${stem}: ${containsStem(term, stem, locale)}`).toBe(`${term} ∋ ${stem}: true`);
      }
    }
  });

  it.each(SUPPORTED_LOCALES)(
    '%s uses its glossary term (stem match) in every message tagged with it',
    (locale) => {
      const { terms } = glossary(locale);
      const misses = GLOSSARY_TERMS.flatMap((name) =>
        TERM_KEYS[name].flatMap((key) =>
          forms(catalog.ownMessage(locale, key))
            .filter((text) => !terms[name].stems.every((stem) => containsStem(text, stem, locale)))
            .map((text) => `${name} "${terms[name].term}" missing in ${key}: ${text}`),
        ),
      );

      expect(misses).toEqual([]);
    },
  );
});
