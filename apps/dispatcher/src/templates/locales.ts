export const SUPPORTED_LOCALES = ['en', 'fr', 'de'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

export const DEFAULT_LOCALE: SupportedLocale = 'en';

function isSupportedLocale(value: string): value is SupportedLocale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the language an email is written in from a profile's BCP 47 tag: the primary language
 * subtag when it is supported (`fr-CA` → `fr`), English otherwise.
 */
export function resolveLocale(tag: string | undefined): SupportedLocale {
  const language = (tag ?? '').trim().split(/[-_]/, 1)[0].toLowerCase();
  return isSupportedLocale(language) ? language : DEFAULT_LOCALE;
}
