import { TEMPLATE_TEST_SETTINGS } from '../testing/fixtures';
import { EmailRenderer } from './email-renderer.service';
import { SUPPORTED_LOCALES } from './locales';
import { SAMPLE_MODELS } from './sample-models';
import type { DigestModel } from './template-models';

// Late on 3 March in UTC: already 4 March in Auckland and Sofia, still 3 March in New York.
const COMPOSED_AT = '2026-03-03T23:30:00Z';

const digest = (period: DigestModel['period']): DigestModel => ({
  recipientName: 'Marc Dubois',
  period,
  composedAt: COMPOSED_AT,
  sections: [
    {
      category: 'mentions',
      communities: [
        {
          communityName: 'Public Procurement Law',
          items: [{ title: 'Thresholds', url: 'https://portal.example.org/c/1', occurredAt: COMPOSED_AT }],
        },
      ],
    },
  ],
});

describe('dates in the recipient’s language and time zone', () => {
  const renderer = new EmailRenderer(TEMPLATE_TEST_SETTINGS);

  it.each([
    ['en', 'Pacific/Auckland', 'Your summary for Wednesday, 4 March 2026'],
    ['el', 'Pacific/Auckland', 'Η σύνοψή σας – Τετάρτη 4 Μαρτίου 2026'],
    ['fi', 'Pacific/Auckland', 'Koosteesi: keskiviikkona 4. maaliskuuta 2026'],
    ['mt', 'Pacific/Auckland', 'Is-sommarju tiegħek għal L-Erbgħa, 4 ta’ Marzu 2026'],
    ['bg', 'Europe/Sofia', 'Вашият обзор за сряда, 4 март 2026 г.'],
    ['de', 'America/New_York', 'Ihre Übersicht vom Dienstag, 3. März 2026'],
  ])('%s in %s heads the daily digest with the local date', (locale, timeZone, heading) => {
    const email = renderer.render('digest', locale, digest('daily'), { timeZone });

    expect(email.text.split('\n').slice(0, 3)).toContain(heading);
    expect(email.html).toContain(`>${heading}</h1>`);
  });

  it.each(SUPPORTED_LOCALES)(
    '%s writes digest headings and item times with Intl for the time zone',
    (locale) => {
      const timeZone = 'Asia/Tokyo';
      const day = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
        weekday: 'long',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        timeZone,
      }).format(new Date(COMPOSED_AT));
      const time = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }).format(new Date(COMPOSED_AT));

      for (const period of ['daily', 'weekly'] as const) {
        const { text } = renderer.render('digest', locale, digest(period), { timeZone });
        const heading = text.split('\n')[2];

        expect(heading).toContain(day);
        expect(text).toContain(time);
      }
    },
  );

  it.each(SUPPORTED_LOCALES)('%s writes times on a 24-hour clock', (locale) => {
    const model = { ...SAMPLE_MODELS['access-request.moderator'], requestedAt: '2026-03-02T16:20:00Z' };
    const { text } = renderer.render('access-request.moderator', locale, model, { timeZone: 'UTC' });

    expect(text).toMatch(/16[:.]20/);
  });

  it('falls back to UTC for an unknown time zone instead of failing', () => {
    const { text } = renderer.render(
      'access-request.moderator',
      'pl',
      SAMPLE_MODELS['access-request.moderator'],
      {
        timeZone: 'Mars/Olympus_Mons',
      },
    );

    expect(text).toContain('UTC');
  });

  it('builds a date formatter once per language and time zone, not once per date written', () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let i = 0; i < 50; i++) {
        renderer.render('digest', 'hr', digest('daily'), { timeZone: 'America/Lima' });
      }
      // The digest heading's day and its item's date and time: two styles.
      expect(built).toHaveBeenCalledTimes(2);
    } finally {
      built.mockRestore();
    }
  });
});
