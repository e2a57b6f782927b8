import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageCatalog, MessageCatalogError, type MessageEncoder } from './message-catalog';

const plain: MessageEncoder = { literal: (text) => text, value: (value) => String(value) };
const bracketed: MessageEncoder = {
  literal: (text) => text.toUpperCase(),
  value: (value) => `[${String(value)}]`,
};

describe('MessageCatalog', () => {
  let directory: string;
  let catalog: MessageCatalog;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'catalog-'));
    const write = (locale: string, tree: object): void =>
      writeFileSync(join(directory, `${locale}.json`), JSON.stringify(tree));
    write('en', {
      greeting: 'Hello {name}',
      only: { english: 'Only in English' },
      items: { one: '1 item', other: '{count} items' },
    });
    write('fr', { greeting: 'Bonjour {name}', items: { one: '{count} élément', other: '{count} éléments' } });
    write('de', { greeting: 'Hallo {name}' });
    catalog = MessageCatalog.load(directory, ['en', 'fr', 'de']);
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('flattens nested groups into dotted keys', () => {
    expect(catalog.keys('en').sort()).toEqual(['greeting', 'items', 'only.english']);
  });

  it('fills placeholders through the encoder, literal text and values separately', () => {
    expect(catalog.format('fr', 'greeting', { name: 'Zoé' }, plain)).toBe('Bonjour Zoé');
    expect(catalog.format('en', 'greeting', { name: 'Zoé' }, bracketed)).toBe('HELLO [Zoé]');
  });

  it('does not expand placeholders found inside a value', () => {
    expect(catalog.format('en', 'greeting', { name: '{name} {count}' }, plain)).toBe('Hello {name} {count}');
  });

  it('falls back to English for a key the locale lacks', () => {
    expect(catalog.format('de', 'only.english', {}, plain)).toBe('Only in English');
    expect(catalog.format('de', 'items', { count: 2 }, plain)).toBe('2 items');
  });

  it("chooses the plural form by the locale's rules", () => {
    expect(catalog.format('en', 'items', { count: 1 }, plain)).toBe('1 item');
    expect(catalog.format('en', 'items', { count: 0 }, plain)).toBe('0 items');
    // French counts 0 and 1 as singular.
    expect(catalog.format('fr', 'items', { count: 0 }, plain)).toBe('0 élément');
  });

  it('fails on an unknown key, a missing value or a plural without a count', () => {
    expect(() => catalog.format('en', 'nope', {}, plain)).toThrow(MessageCatalogError);
    expect(() => catalog.format('en', 'greeting', {}, plain)).toThrow('needs a value for {name}');
    expect(() => catalog.format('en', 'greeting', { name: undefined }, plain)).toThrow(MessageCatalogError);
    expect(() => catalog.format('en', 'items', {}, plain)).toThrow('numeric {count}');
  });

  it('ignores inherited properties when filling placeholders', () => {
    expect(() =>
      catalog.format(
        'en',
        'greeting',
        Object.create({ name: 'inherited' }) as Record<string, unknown>,
        plain,
      ),
    ).toThrow(MessageCatalogError);
  });

  it('refuses a catalog entry that is neither text, plural forms nor a group', () => {
    writeFileSync(join(directory, 'de.json'), JSON.stringify({ greeting: ['not', 'text'] }));

    expect(() => MessageCatalog.load(directory, ['en', 'fr', 'de'])).toThrow(
      '"greeting" must be a string, a plural form object or a group',
    );
  });
});
