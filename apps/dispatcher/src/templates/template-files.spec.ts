import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SUPPORTED_LOCALES, type SupportedLocale } from './locales';
import { MessageCatalog } from './message-catalog';

const VIEWS = join(__dirname, 'views');
const catalog = MessageCatalog.load(join(__dirname, 'messages'));

// The only places allowed to write unescaped output, each reviewed: the layout's slot for the rendered body.
const UNESCAPED_WHITELIST = new Set(['layout.html.hbs: body']);

function templateFiles(directory = VIEWS): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

/** `{{{expression}}}` and `{{& expression}}` occurrences, as "file: expression". */
function unescapedOutputs(file: string, source: string): string[] {
  const found = [...source.matchAll(/\{\{\{~?\s*([^}]*?)\s*~?\}\}\}|\{\{~?&\s*([^}]*?)\s*~?\}\}/g)];
  return found.map((match) => `${file}: ${match[1] ?? match[2]}`);
}

describe('template files', () => {
  const files = templateFiles();

  it('finds the layouts, the partials and three files per email', () => {
    expect(files.filter((file) => file.endsWith('.hbs')).length).toBeGreaterThanOrEqual(2 + 10 + 15 * 3);
  });

  it('detects unescaped output in a template source', () => {
    expect(unescapedOutputs('x.hbs', '<p>{{{ reason }}}</p>{{& message}}{{name}}')).toEqual([
      'x.hbs: reason',
      'x.hbs: message',
    ]);
  });

  it('writes unescaped output nowhere but in the whitelisted slots', () => {
    const found = files.flatMap((file) =>
      unescapedOutputs(relative(VIEWS, file), readFileSync(file, 'utf8')),
    );

    expect(found.filter((occurrence) => !UNESCAPED_WHITELIST.has(occurrence))).toEqual([]);
    expect(found).toEqual([...UNESCAPED_WHITELIST]);
  });

  it('uses only message keys that exist in the English catalog', () => {
    const keys = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\{\{~?\s*t "([^"]+)"/g)].map((match) => match[1]),
    );
    const englishKeys = new Set(catalog.keys('en'));

    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((key) => !englishKeys.has(key))).toEqual([]);
  });
});

describe('message catalogs', () => {
  const english = catalog.keys('en');
  const placeholders = (locale: SupportedLocale, key: string): string => {
    const message = catalog.ownMessage(locale, key) ?? '';
    const texts = typeof message === 'string' ? [message] : Object.values(message);
    const names = texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
    return [...new Set(names)]
      .filter((name) => name !== 'count')
      .sort()
      .join();
  };

  it.each(SUPPORTED_LOCALES.filter((locale) => locale !== 'en'))(
    '%s translates every English message and no other',
    (locale) => {
      expect(catalog.keys(locale).sort()).toEqual([...english].sort());
    },
  );

  it.each(SUPPORTED_LOCALES)('%s uses the same placeholders as English in every message', (locale) => {
    const mismatched = english.filter((key) => placeholders(locale, key) !== placeholders('en', key));

    expect(english.filter((key) => placeholders('en', key) !== '').length).toBeGreaterThan(20);
    expect(mismatched).toEqual([]);
  });
});
