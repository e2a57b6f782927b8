import { resolveLanguage, resolveLocale } from './locales';
import { safeHttpUrl } from './safe-url';
import { toSubjectLine } from './subject-line';

describe('resolveLocale', () => {
  it.each([
    ['en', 'en'],
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['de-CH', 'de'],
    ['DE', 'de'],
    ['de_AT', 'de'],
    ['it', 'it'],
    ['pt-BR', 'pt'],
    ['de-AT', 'de'],
    ['ga-IE', 'ga'],
    ['mt-MT', 'mt'],
    ['sr-Latn-RS', 'en'],
    ['nb-NO', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['   ', 'en'],
    ['x-klingon-🖖', 'en'],
  ])('%s → %s', (tag, expected) => {
    expect(resolveLocale(tag)).toBe(expected);
  });
});

describe('resolveLanguage', () => {
  it.each([
    ['pl-PL', { locale: 'pl' }],
    ['EL', { locale: 'el' }],
    ['ja', { locale: 'en', fallback: 'unsupported' }],
    ['"><script>', { locale: 'en', fallback: 'unsupported' }],
    ['', { locale: 'en', fallback: 'missing' }],
    [undefined, { locale: 'en', fallback: 'missing' }],
  ])('%s → %o, saying why English was used', (tag, expected) => {
    expect(resolveLanguage(tag)).toEqual(expected);
  });
});

describe('safeHttpUrl', () => {
  it.each([
    ['https://portal.example.org/a?b=c', 'https://portal.example.org/a?b=c'],
    ['http://127.0.0.1:3003/x', 'http://127.0.0.1:3003/x'],
    [' https://example.org/with space', 'https://example.org/with%20space'],
    ['https://example.org/"><script>', 'https://example.org/%22%3E%3Cscript%3E'],
  ])('keeps the http(s) url %s', (url, expected) => {
    expect(safeHttpUrl(url)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,x',
    'mailto:a@b.c',
    '/relative',
    'not a url',
    '',
    42,
    undefined,
  ])('rejects %p', (url) => {
    expect(safeHttpUrl(url)).toBeUndefined();
  });
});

describe('toSubjectLine', () => {
  it('turns CR, LF, tabs and other control characters into single spaces', () => {
    expect(toSubjectLine('  A\r\nBcc: x@y.z\t\tB\u0000C\u2028D  ')).toBe('A Bcc: x@y.z B C D');
  });

  it('keeps a subject of exactly 150 characters as it is', () => {
    const subject = 'a'.repeat(150);

    expect(toSubjectLine(subject)).toBe(subject);
  });

  it('caps a longer subject at 150 characters ending with an ellipsis, without splitting a character', () => {
    const capped = toSubjectLine('😀'.repeat(200));

    expect(Array.from(capped)).toHaveLength(150);
    expect(capped).toBe(`${'😀'.repeat(149)}…`);
  });
});
