import type { HelperOptions, SafeString } from 'handlebars';
import { isSupportedLocale, type SupportedLocale } from './locales';
import type { MessageCatalog, MessageEncoder } from './message-catalog';
import { safeHttpUrl } from './safe-url';

type HandlebarsInstance = typeof import('handlebars');

export type OutputFormat = 'html' | 'text';

/** Private `@data` of one render: which language, which part and which clock to write for. */
export interface RenderData {
  locale: SupportedLocale;
  format: OutputFormat;
  timeZone: string;
}

const LINK_STYLES: Readonly<Record<string, string>> = {
  button:
    'display:inline-block;padding:10px 18px;background:#1d4f91;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold',
  brand: 'color:#1f2933;text-decoration:none',
};
// Readers are in Europe: English dates as day month year on a 24-hour clock, like the EU's own English.
const dateLocale = (locale: SupportedLocale): string => (locale === 'en' ? 'en-GB' : locale);
type DateStyle = 'dateTime' | 'day';
const DATE_STYLES: Readonly<Record<DateStyle, Intl.DateTimeFormatOptions>> = {
  dateTime: {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    // A 24-hour clock in every language, as official EU texts write times (Greek would default to 12 hours).
    hourCycle: 'h23',
    timeZoneName: 'short',
  },
  day: {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  },
};
/**
 * Formatters in use, by style, locale and time zone, most recently used last. Building one costs far more than
 * formatting with it, and its ICU objects live outside the JavaScript heap, where the garbage collector does not see
 * them pile up: one per date written grew the dispatcher's resident memory by about 300 KB per digest.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const DATE_FORMATS_KEPT = 256;
const EMAIL_ADDRESS = /^[^\s<>"'@]+@[^\s<>"'@]+$/;

/**
 * Registers the helpers every template uses. In the HTML part each helper escapes what it writes
 * and returns a SafeString; in the text part it returns plain text (text templates do not escape).
 */
export function registerTemplateHelpers(hb: HandlebarsInstance, catalog: MessageCatalog): void {
  const toHtml = (value: unknown): string =>
    value instanceof hb.SafeString ? value.toHTML() : hb.Utils.escapeExpression(String(value));
  const htmlEncoder: MessageEncoder = { literal: (text) => hb.Utils.escapeExpression(text), value: toHtml };
  const textEncoder: MessageEncoder = { literal: (text) => text, value: (value) => String(value) };
  const output = (data: RenderData, html: string, text: string): string | SafeString =>
    data.format === 'html' ? new hb.SafeString(html) : text;

  hb.registerHelper('t', (key: unknown, options: HelperOptions) => {
    const data = renderData(options);
    const params = options.hash as Record<string, unknown>;
    const message = catalog.format(
      data.locale,
      String(key),
      params,
      data.format === 'html' ? htmlEncoder : textEncoder,
    );
    return output(data, message, message);
  });

  // Only http(s) urls become links; anything else (javascript:, data:, garbage) is shown as its label only.
  hb.registerHelper('link', (url: unknown, label: unknown, options: HelperOptions) => {
    const data = renderData(options);
    const href = safeHttpUrl(url);
    const text = String(label);
    if (href === undefined) {
      return output(data, toHtml(label), text);
    }
    const variant: unknown = options.hash['variant'];
    const style =
      typeof variant === 'string' && Object.hasOwn(LINK_STYLES, variant)
        ? ` style="${LINK_STYLES[variant]}"`
        : '';
    return output(
      data,
      `<a href="${hb.Utils.escapeExpression(href)}"${style}>${toHtml(label)}</a>`,
      `${text} (${href})`,
    );
  });

  hb.registerHelper('mailto', (address: unknown, options: HelperOptions) => {
    const data = renderData(options);
    const text = String(address);
    if (!EMAIL_ADDRESS.test(text)) {
      return output(data, toHtml(text), text);
    }
    const escaped = hb.Utils.escapeExpression(text);
    return output(data, `<a href="mailto:${escaped}">${escaped}</a>`, text);
  });

  hb.registerHelper('httpUrl', (url: unknown) => safeHttpUrl(url) ?? '');

  hb.registerHelper('date', (value: unknown, options: HelperOptions) =>
    formatDate(value, renderData(options), 'dateTime'),
  );

  // The calendar day in the recipient's time zone, e.g. a digest's heading.
  hb.registerHelper('day', (value: unknown, options: HelperOptions) =>
    formatDate(value, renderData(options), 'day'),
  );

  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));

  hb.registerHelper('eq', (left: unknown, right: unknown) => left === right);

  hb.registerHelper('countDigestItems', (sections: unknown) => countDigestItems(sections));
}

function renderData(options: HelperOptions): RenderData {
  const data: unknown = options.data;
  if (
    typeof data === 'object' &&
    data !== null &&
    'locale' in data &&
    'format' in data &&
    'timeZone' in data &&
    isSupportedLocale(data.locale) &&
    (data.format === 'html' || data.format === 'text') &&
    typeof data.timeZone === 'string'
  ) {
    return { locale: data.locale, format: data.format, timeZone: data.timeZone };
  }
  throw new Error(
    'Templates must be rendered through EmailRenderer, which supplies locale, format and time zone',
  );
}

function formatDate(value: unknown, data: RenderData, style: DateStyle): string {
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const format = (timeZone: string): string => dateFormat(style, data.locale, timeZone).format(date);
  try {
    return format(data.timeZone);
  } catch {
    return format('UTC');
  }
}

/** The formatter for `style` in `locale` and `timeZone`, built once while it stays among the most recently used. */
function dateFormat(style: DateStyle, locale: SupportedLocale, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${locale} ${timeZone}`;
  let format = dateFormats.get(key);
  if (format) {
    dateFormats.delete(key);
  } else {
    format = new Intl.DateTimeFormat(dateLocale(locale), { ...DATE_STYLES[style], timeZone });
    if (dateFormats.size >= DATE_FORMATS_KEPT) {
      dateFormats.delete(dateFormats.keys().next().value as string);
    }
  }
  dateFormats.set(key, format);
  return format;
}

function countDigestItems(sections: unknown): number {
  if (!Array.isArray(sections)) {
    return 0;
  }
  let count = 0;
  for (const section of sections as { communities?: { items?: unknown[] }[] }[]) {
    for (const community of section.communities ?? []) {
      count += community.items?.length ?? 0;
    }
  }
  return count;
}
