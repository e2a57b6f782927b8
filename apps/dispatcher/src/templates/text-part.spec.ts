import { EmailRenderer } from './email-renderer.service';
import { SUPPORTED_LOCALES } from './locales';
import { SAMPLE_MODELS } from './sample-models';
import { TEMPLATE_IDS } from './template-id';
import type { DigestModel } from './template-models';

const settings = {
  platformName: 'Public Buyers Community',
  supportEmail: 'support@buyers.example.eu',
  publicBaseUrl: 'https://portal.example.org',
  previewEnabled: false,
};

// Ordinary text a buyer might type that HTML would have to escape.
const TYPED = `R&D <lots> "A" & 'B'`;
const TYPED_IN_HTML = 'R&amp;D &lt;lots&gt; &quot;A&quot; &amp; &#x27;B&#x27;';
const HTML_ENTITY = /&(?:[a-z]+|#x?[0-9a-f]+);/i;
// Values that are not free text: links, addresses, dates, ids and wording selectors.
const NOT_FREE_TEXT = new Set(['url', 'contactEmail', 'category', 'period', 'itemKind', 'alertKind']);

function typedEverywhere<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    const keep = NOT_FREE_TEXT.has(key) || key.endsWith('Id') || key.endsWith('At') || key === 'pendingSince';
    return (keep ? value : TYPED) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => typedEverywhere(item)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([name, child]) => [name, typedEverywhere(child, name)]),
    ) as T;
  }
  return value;
}

describe('the plain-text part', () => {
  const renderer = new EmailRenderer(settings);
  const cases = TEMPLATE_IDS.flatMap((id) => SUPPORTED_LOCALES.map((locale) => [id, locale] as const));

  it.each(cases)('%s in %s shows typed text as typed, escaped once in HTML only', (id, locale) => {
    const email = renderer.render(id, locale, typedEverywhere(SAMPLE_MODELS[id]), {
      unsubscribeUrl: 'https://preferences.example.org/unsubscribe?token=a&lang=fr',
    });

    expect(email.text).toContain(TYPED);
    expect(email.text).not.toMatch(HTML_ENTITY);
    expect(email.subject).not.toMatch(HTML_ENTITY);
    expect(email.html).toContain(TYPED_IN_HTML);
    expect(email.html).not.toContain('&amp;amp;');
    expect(email.html).not.toContain('<lots>');
  });

  it('keeps a multi-line digest excerpt inside its list item and skips a missing link or date', () => {
    const digest: DigestModel = {
      recipientName: 'Marc Dubois',
      period: 'weekly',
      composedAt: '2026-03-08T20:00:00Z',
      sections: [
        {
          category: 'comments',
          communities: [
            {
              communityName: 'Public Procurement Law',
              items: [
                {
                  title: 'Framework agreements',
                  url: 'https://portal.example.org/content/fa',
                  actorName: 'Anna Schmidt',
                  excerpt: 'First line.\nSecond line.',
                  occurredAt: '2026-03-03T10:00:00Z',
                },
                { title: 'Lots', url: 'javascript:alert(1)', occurredAt: 'not a date' },
              ],
            },
          ],
        },
      ],
    };

    const { text } = renderer.render('digest', 'en', digest);

    expect(text).toContain(
      [
        'Public Procurement Law',
        '* Framework agreements – Anna Schmidt (3 March 2026 at 10:00 UTC)',
        '  https://portal.example.org/content/fa',
        '  First line.',
        '  Second line.',
        '* Lots',
        '',
        '--',
      ].join('\n'),
    );
  });

  it('writes the reminder and who asked as separate paragraphs, as in the HTML part', () => {
    const { text } = renderer.render('moderation.reminder', 'en', SAMPLE_MODELS['moderation.reminder']);

    expect(text).toContain(
      'since 2 March 2026 at 09:15 UTC.\n\nRequested by Marc Dubois.\n\nThis is the only',
    );
  });

  it.each(['activity.content-published', 'community.content-published.moderator'] as const)(
    '%s gives the content link once, on the action line',
    (id) => {
      const { text } = renderer.render(id, 'en', SAMPLE_MODELS[id]);

      expect(text.split('https://portal.example.org/content/thresholds-2026')).toHaveLength(2);
      expect(text).toContain('Read it on the platform: https://portal.example.org/content/thresholds-2026');
    },
  );
});

describe('the HTML part', () => {
  it('shows the platform name in the header as a heading, not as a default blue link', () => {
    const { html } = new EmailRenderer(settings).render('digest', 'en', SAMPLE_MODELS.digest);

    expect(html).toContain(
      '<a href="https://portal.example.org/" style="color:#1f2933;text-decoration:none">Public Buyers Community</a>',
    );
  });
});
