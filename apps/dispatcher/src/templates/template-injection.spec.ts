import { EmailRenderer } from './email-renderer.service';
import { SUPPORTED_LOCALES, type SupportedLocale } from './locales';
import { SAMPLE_MODELS } from './sample-models';
import { TEMPLATE_IDS, type TemplateId } from './template-id';
import type { TemplateModels } from './template-models';

const settings = {
  platformName: 'Public Buyers Community',
  supportEmail: 'support@buyers.example.eu',
  publicBaseUrl: 'https://portal.example.org',
  previewEnabled: false,
};

const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>';
const MUSTACHE = '{{constructor.constructor "return process"}} {{{body}}} {{> footer}}';
const PLACEHOLDER = '{platform} {count}';
const HEADER_INJECTION = 'Budget\r\nBcc: attacker@example.com\r\n\r\nbody';
const HOSTILE_TEXT = [
  SCRIPT,
  ATTRIBUTE_BREAKOUT,
  MUSTACHE,
  PLACEHOLDER,
  '__proto__',
  'constructor',
  HEADER_INJECTION,
].join(' ');
const HOSTILE_URL = 'javascript:alert(document.cookie)';

/** The sample model with every string replaced: urls by a javascript: url, everything else by hostile text. */
function hostile<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    if (key === 'url') {
      return HOSTILE_URL as T;
    }
    // Enumerated values select wording; the contracts validate them before they reach a template.
    return (['category', 'period', 'itemKind', 'alertKind'].includes(key) ? value : HOSTILE_TEXT) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => hostile(item)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([name, child]) => [name, hostile(child, name)]),
    ) as T;
  }
  return value;
}

describe('templates render user data inert', () => {
  const renderer = new EmailRenderer(settings);
  const render = <T extends TemplateId>(id: T, model: TemplateModels[T], locale: SupportedLocale = 'en') =>
    renderer.render(id, locale, model, { unsubscribeUrl: 'https://preferences.example.org/u/t' });
  const everyTemplateInEveryLanguage = TEMPLATE_IDS.flatMap((id) =>
    SUPPORTED_LOCALES.map((locale) => [id, locale] as const),
  );

  it.each(everyTemplateInEveryLanguage)(
    '%s in %s escapes markup, ignores template syntax and drops javascript: links',
    (id, locale) => {
      const email = render(id, hostile(SAMPLE_MODELS[id]), locale);

      expect(email.html).not.toContain('<script');
      expect(email.html).not.toContain('<img');
      expect(email.html).not.toMatch(/href="\s*javascript:/i);
      expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(email.html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
      // Template syntax in data is printed, never evaluated: no partial, no body slot, no constructor call.
      expect(email.text).toContain(MUSTACHE.replace(/\s+/g, ' '));
      expect(email.text).toContain(PLACEHOLDER);
      expect(email.text).not.toContain(HOSTILE_URL);
      expect(email.subject).not.toMatch(/[\r\n]/);
    },
  );

  it('keeps CR/LF out of the subject, flattening an injected header into the text', () => {
    const model = { ...SAMPLE_MODELS['access-request.approved'], communityName: HEADER_INJECTION };

    expect(render('access-request.approved', model).subject).toBe(
      'Welcome to Budget Bcc: attacker@example.com body',
    );
  });

  it.each(SUPPORTED_LOCALES)('flattens an injected header in every subject in %s', (locale) => {
    for (const id of TEMPLATE_IDS) {
      const model = hostile(SAMPLE_MODELS[id]);
      const { subject } = render(id, model, locale);

      expect(subject).not.toMatch(/[\r\n\t\u2028\u2029]/);
      expect(subject.length).toBeLessThanOrEqual(150);
    }
    const approved = { ...SAMPLE_MODELS['access-request.approved'], communityName: HEADER_INJECTION };
    expect(render('access-request.approved', approved, locale).subject).toContain(
      'Budget Bcc: attacker@example.com body',
    );
  });

  it.each(SUPPORTED_LOCALES)('caps a long subject at 150 characters with an ellipsis in %s', (locale) => {
    const model = { ...SAMPLE_MODELS['access-request.approved'], communityName: 'Procurement '.repeat(40) };
    const { subject } = render('access-request.approved', model, locale);

    // Cut at 149 characters plus the ellipsis; a space before the cut is trimmed.
    expect(Array.from(subject).length).toBeGreaterThanOrEqual(148);
    expect(Array.from(subject).length).toBeLessThanOrEqual(150);
    expect(subject.endsWith('…')).toBe(true);
  });

  it('treats __proto__ and constructor keys in event data as plain data', () => {
    const model = JSON.parse(
      JSON.stringify(SAMPLE_MODELS['activity.mention']).replace(
        /^\{/,
        '{"__proto__":{"polluted":"yes","recipientName":"from the prototype"},"constructor":{"name":"evil"},',
      ),
    ) as TemplateModels['activity.mention'];
    const email = render('activity.mention', { ...model, actorName: '__proto__', title: 'constructor' });

    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(email.text).toContain('Hello Marc Dubois,');
    expect(email.text).toContain('__proto__ mentioned you in "constructor" in Public Procurement Law.');
  });

  it('renders a link only for http(s) urls and shows the bare label otherwise', () => {
    const model = { ...SAMPLE_MODELS['activity.private-message'], url: 'data:text/html,<b>x</b>' };
    const email = render('activity.private-message', model);

    expect(email.html).not.toContain('data:text/html');
    expect(email.text).not.toContain('data:text/html');
    expect(email.html).not.toContain('Read the message</a>');
  });
});
