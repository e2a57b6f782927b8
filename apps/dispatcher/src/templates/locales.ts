/** The 24 official languages of the European Union, by ISO 639-1 code. */
export const SUPPORTED_LOCALES = [
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fi',
  'fr',
  'ga',
  'hr',
  'hu',
  'it',
  'lt',
  'lv',
  'mt',
  'nl',
  'pl',
  'pt',
  'ro',
  'sk',
  'sl',
  'sv',
] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

export const DEFAULT_LOCALE: SupportedLocale = 'en';

/** Why an email falls back to English: the profile has no language, or one the platform does not write. */
export type LocaleFallbackReason = 'missing' | 'unsupported';

export interface LocaleResolution {
  locale: SupportedLocale;
  /** Set when the profile's tag did not name a supported language and English was used instead. */
  fallback?: LocaleFallbackReason;
}

export function isSupportedLocale(value: unknown): value is SupportedLocale {
  return (SUPPORTED_LOCALES as readonly unknown[]).includes(value);
}

/**
 * Picks the language an email is written in from a profile's BCP 47 tag: its primary language subtag when
 * supported (`pt-BR` → `pt`, `de-AT` → `de`, `ga-IE` → `ga`), English otherwise, saying why.
 */
export function resolveLanguage(tag: string | undefined): LocaleResolution {
  const trimmed = (tag ?? '').trim();
  if (trimmed === '') {
    return { locale: DEFAULT_LOCALE, fallback: 'missing' };
  }
  const language = trimmed.split(/[-_]/, 1)[0].toLowerCase();
  return isSupportedLocale(language)
    ? { locale: language }
    : { locale: DEFAULT_LOCALE, fallback: 'unsupported' };
}

/** The language an email is written in for a profile's BCP 47 tag (see `resolveLanguage`). */
export function resolveLocale(tag: string | undefined): SupportedLocale {
  return resolveLanguage(tag).locale;
}
