import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, type SupportedLocale } from './locales';

/** A message whose wording depends on a `count` parameter, by CLDR plural category. */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;

/** How literal catalog text and interpolated values are written into the output. */
export interface MessageEncoder {
  literal(text: string): string;
  value(value: unknown): string;
}

const PLURAL_CATEGORIES: readonly string[] = ['zero', 'one', 'two', 'few', 'many', 'other'];
const PLACEHOLDER = /\{(\w+)\}/;

export class MessageCatalogError extends Error {
  override readonly name = 'MessageCatalogError';
}

/** Per-locale UI strings, read once from `<directory>/<locale>.json`; a key missing in a locale falls back to English. */
export class MessageCatalog {
  private readonly pluralRules = new Map<SupportedLocale, Intl.PluralRules>();

  private constructor(private readonly messages: ReadonlyMap<SupportedLocale, ReadonlyMap<string, Message>>) {
    for (const locale of SUPPORTED_LOCALES) {
      this.pluralRules.set(locale, new Intl.PluralRules(locale));
    }
  }

  /** Reads every supported language; a missing or malformed file throws, so the service never starts without it. */
  static load(directory: string, locales: readonly SupportedLocale[] = SUPPORTED_LOCALES): MessageCatalog {
    const messages = new Map<SupportedLocale, ReadonlyMap<string, Message>>();
    for (const locale of locales) {
      const file = join(directory, `${locale}.json`);
      const tree: unknown = JSON.parse(readFileSync(file, 'utf8'));
      messages.set(locale, flatten(tree, '', file));
    }
    return new MessageCatalog(messages);
  }

  keys(locale: SupportedLocale): string[] {
    return [...this.table(locale).keys()];
  }

  /** The message as written in this locale's catalog, without falling back. */
  ownMessage(locale: SupportedLocale, key: string): Message | undefined {
    return this.table(locale).get(key);
  }

  /** The message for `key` in `locale` (English when the locale lacks it) with `{name}` placeholders filled from `params`. */
  format(
    locale: SupportedLocale,
    key: string,
    params: Readonly<Record<string, unknown>>,
    encoder: MessageEncoder,
  ): string {
    const message = this.table(locale).get(key) ?? this.table(DEFAULT_LOCALE).get(key);
    if (message === undefined) {
      throw new MessageCatalogError(`No message "${key}" in the ${DEFAULT_LOCALE} catalog`);
    }
    const text = typeof message === 'string' ? message : this.selectPlural(locale, key, message, params);
    // split() with a capture group alternates literal text (even indexes) and placeholder names (odd).
    return text
      .split(PLACEHOLDER)
      .map((part, index) =>
        index % 2 === 0 ? encoder.literal(part) : encoder.value(valueOf(params, part, key)),
      )
      .join('');
  }

  private selectPlural(
    locale: SupportedLocale,
    key: string,
    message: PluralMessage,
    params: Readonly<Record<string, unknown>>,
  ): string {
    const count = params['count'];
    if (typeof count !== 'number') {
      throw new MessageCatalogError(`Message "${key}" is plural and needs a numeric {count}`);
    }
    const category = this.pluralRules.get(locale)?.select(count) ?? 'other';
    return message[category] ?? message.other;
  }

  private table(locale: SupportedLocale): ReadonlyMap<string, Message> {
    const table = this.messages.get(locale);
    if (table === undefined) {
      throw new MessageCatalogError(`No catalog loaded for locale ${locale}`);
    }
    return table;
  }
}

function valueOf(params: Readonly<Record<string, unknown>>, name: string, key: string): unknown {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  if (value === undefined || value === null) {
    throw new MessageCatalogError(`Message "${key}" needs a value for {${name}}`);
  }
  return value;
}

function flatten(
  node: unknown,
  prefix: string,
  file: string,
  into = new Map<string, Message>(),
): Map<string, Message> {
  if (typeof node === 'string') {
    into.set(prefix, node);
  } else if (isPluralMessage(node)) {
    into.set(prefix, node);
  } else if (isPlainObject(node)) {
    for (const [name, child] of Object.entries(node)) {
      flatten(child, prefix === '' ? name : `${prefix}.${name}`, file, into);
    }
  } else {
    throw new MessageCatalogError(`${file}: "${prefix}" must be a string, a plural form object or a group`);
  }
  return into;
}

function isPlainObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function isPluralMessage(node: unknown): node is PluralMessage {
  return (
    isPlainObject(node) &&
    typeof node['other'] === 'string' &&
    Object.entries(node).every(([name, text]) => PLURAL_CATEGORIES.includes(name) && typeof text === 'string')
  );
}
