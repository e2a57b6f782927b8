import { EmailRenderer } from './email-renderer.service';
import { SUPPORTED_LOCALES, type SupportedLocale } from './locales';
import { SAMPLE_MODELS } from './sample-models';
import { TEMPLATE_DEFINITIONS } from './template-definitions';
import { TEMPLATE_IDS, type TemplateId } from './template-id';
import type { DigestModel } from './template-models';
import { UnknownTemplateError } from './template-registry';

const settings = {
  platformName: 'Public Buyers Community',
  supportEmail: 'support@buyers.example.eu',
  publicBaseUrl: 'https://portal.example.org/',
  previewEnabled: false,
};
const UNSUBSCRIBE_URL = 'https://preferences.example.org/unsubscribe/token-123';
const GREETINGS: Readonly<Record<SupportedLocale, string>> = {
  bg: 'Здравейте, Marc Dubois,',
  cs: 'Dobrý den, Marc Dubois,',
  da: 'Kære Marc Dubois',
  de: 'Guten Tag Marc Dubois,',
  el: 'Γεια σας, Marc Dubois,',
  en: 'Hello Marc Dubois,',
  es: 'Hola, Marc Dubois:',
  et: 'Tere, Marc Dubois!',
  fi: 'Hei Marc Dubois,',
  fr: 'Bonjour Marc Dubois,',
  ga: 'Dia duit, Marc Dubois,',
  hr: 'Dobar dan, Marc Dubois,',
  hu: 'Tisztelt Marc Dubois!',
  it: 'Gentile Marc Dubois,',
  lt: 'Laba diena, Marc Dubois,',
  lv: 'Labdien, Marc Dubois!',
  mt: 'Bonġu Marc Dubois,',
  nl: 'Beste Marc Dubois,',
  pl: 'Dzień dobry Marc Dubois,',
  pt: 'Olá Marc Dubois,',
  ro: 'Bună ziua, Marc Dubois,',
  sk: 'Dobrý deň, Marc Dubois,',
  sl: 'Pozdravljeni, Marc Dubois,',
  sv: 'Hej Marc Dubois,',
};

describe('EmailRenderer', () => {
  const renderer = new EmailRenderer(settings);

  it('renders every template in every language at start-up without error', () => {
    expect(() => renderer.onModuleInit()).not.toThrow();
  });

  const cases = TEMPLATE_IDS.flatMap((id) => SUPPORTED_LOCALES.map((locale) => [id, locale] as const));

  it.each(cases)(
    'renders %s in %s with subject, both parts, platform name and support address',
    (id, locale) => {
      const email = renderer.render(id, locale, SAMPLE_MODELS[id]);

      expect(email.subject.trim()).not.toBe('');
      expect(email.subject.length).toBeLessThanOrEqual(150);
      expect(email.html).toMatch(new RegExp(`^<!DOCTYPE html>\\s*<html lang="${locale}">`));
      expect(email.html).toContain(
        '<a href="mailto:support@buyers.example.eu">support@buyers.example.eu</a>',
      );
      expect(email.text).toContain('support@buyers.example.eu');
      for (const part of [email.subject, email.html, email.text]) {
        expect(part).not.toMatch(/\{\w+\}|undefined|\[object Object\]/);
      }
      expect(email.html).toContain(settings.platformName);
      expect(email.text).toContain(settings.platformName);
      expect(email.text).not.toMatch(/<\/?(p|a|td|blockquote)\b/);
    },
  );

  it('lays the text part out in paragraphs', () => {
    const { text } = renderer.render(
      'access-request.rejected',
      'en',
      SAMPLE_MODELS['access-request.rejected'],
    );

    expect(text).toBe(
      [
        'Public Buyers Community',
        '',
        'Hello Marc Dubois,',
        '',
        'We are sorry, but your request to join Public Procurement Law was not approved.',
        '',
        'The moderator gave this reason:',
        '',
        'This community is reserved for staff of contracting authorities.',
        '',
        'For further information, please contact Ingrid Novak at ingrid.novak@example.org.',
        '',
        '--',
        'Questions? Write to support@buyers.example.eu.',
        'This email was sent by Public Buyers Community.',
        '',
      ].join('\n'),
    );
  });

  it('writes each language in its own words', () => {
    const subjects = SUPPORTED_LOCALES.map(
      (locale) =>
        renderer.render('access-request.approved', locale, SAMPLE_MODELS['access-request.approved']).subject,
    );

    expect(new Set(subjects).size).toBe(SUPPORTED_LOCALES.length);
    for (const locale of SUPPORTED_LOCALES) {
      const email = renderer.render(
        'access-request.rejected',
        locale,
        SAMPLE_MODELS['access-request.rejected'],
      );
      expect(email.text).toContain(GREETINGS[locale]);
    }
  });

  it.each([
    ['fr-CA', GREETINGS.fr, 'lang="fr"'],
    ['de_AT', GREETINGS.de, 'lang="de"'],
    ['FR', GREETINGS.fr, 'lang="fr"'],
    ['it', GREETINGS.it, 'lang="it"'],
    ['pt-BR', GREETINGS.pt, 'lang="pt"'],
    ['de-AT', GREETINGS.de, 'lang="de"'],
    ['ga-IE', GREETINGS.ga, 'lang="ga"'],
    ['el-GR', GREETINGS.el, 'lang="el"'],
    ['ja-JP', GREETINGS.en, 'lang="en"'],
    ['nb', GREETINGS.en, 'lang="en"'],
    ['', GREETINGS.en, 'lang="en"'],
    ['"><script>', GREETINGS.en, 'lang="en"'],
  ])('picks the language for locale "%s"', (locale, greeting, langAttribute) => {
    const email = renderer.render(
      'access-request.rejected',
      locale,
      SAMPLE_MODELS['access-request.rejected'],
    );

    expect(email.text).toContain(greeting);
    expect(email.html).toContain(langAttribute);
  });

  it('throws on a template id that does not exist', () => {
    expect(() => renderer.render('no.such.template' as TemplateId, 'en', SAMPLE_MODELS.digest)).toThrow(
      UnknownTemplateError,
    );
  });

  it.each(['access-request.rejected', 'submission.rejected'] as const)(
    '%s shows the reason and the deciding moderator with their contact address',
    (id) => {
      const model = {
        ...SAMPLE_MODELS[id],
        reason: 'Only staff of contracting authorities may join.',
        moderator: { displayName: 'Petra Horvat', contactEmail: 'petra.horvat@example.org' },
      };
      const email = renderer.render(id, 'en', model);

      for (const part of [email.html, email.text]) {
        expect(part).toContain('Only staff of contracting authorities may join.');
        expect(part).toContain('Petra Horvat');
      }
      expect(email.html).toContain('<a href="mailto:petra.horvat@example.org">petra.horvat@example.org</a>');
      expect(email.text).toContain('contact Petra Horvat at petra.horvat@example.org');
    },
  );

  it('builds portal links from the configured base url with ids path-encoded', () => {
    const model = { ...SAMPLE_MODELS['access-request.moderator'], accessRequestId: 'a/b?c' };
    const email = renderer.render('access-request.moderator', 'en', model);

    expect(email.html).toContain('href="https://portal.example.org/moderation/access-requests/a%2Fb%3Fc"');
    expect(email.text).toContain(
      'Review the request: https://portal.example.org/moderation/access-requests/a%2Fb%3Fc',
    );
  });

  it('links the reminder to the pending item of its kind', () => {
    const model = { ...SAMPLE_MODELS['moderation.reminder'], itemKind: 'submission' as const, itemId: 's-9' };
    const email = renderer.render('moderation.reminder', 'en', model);

    expect(email.subject).toBe('Reminder: a submission to Public Procurement Law is waiting for you');
    expect(email.html).toContain('href="https://portal.example.org/moderation/submissions/s-9"');
  });

  it('shows the unsubscribe link in the footer only when one is given', () => {
    const model = SAMPLE_MODELS['activity.comment'];
    const withLink = renderer.render('activity.comment', 'en', model, { unsubscribeUrl: UNSUBSCRIBE_URL });
    const without = renderer.render('activity.comment', 'en', model);

    expect(withLink.html).toContain(`<a href="${UNSUBSCRIBE_URL}">Unsubscribe from these emails</a>`);
    expect(withLink.text).toContain(`Unsubscribe from these emails: ${UNSUBSCRIBE_URL}`);
    expect(without.html).not.toContain('Unsubscribe');
    expect(without.text).not.toContain('Unsubscribe');
  });

  it.each(TEMPLATE_IDS)(
    'links %s to the notification settings only when it follows a chosen frequency',
    (id) => {
      const email = renderer.render(id, 'en', SAMPLE_MODELS[id]);
      const settingsLink = 'https://portal.example.org/settings/notifications';

      expect(email.html.includes(settingsLink)).toBe(TEMPLATE_DEFINITIONS[id].followsPreferences);
      expect(email.text.includes(settingsLink)).toBe(TEMPLATE_DEFINITIONS[id].followsPreferences);
    },
  );

  it.each(['activity.content-published', 'activity.mention', 'submission.moderator'] as const)(
    'renders %s of a confidential community (no excerpt) with title and link only',
    (id) => {
      const { excerpt: _excerpt, ...model } = SAMPLE_MODELS[id];
      const email = renderer.render(id, 'en', model);

      expect(email.html).not.toContain('<blockquote');
      expect(email.html).not.toContain('revised thresholds');
      expect(email.html).toContain('href="https://portal.example.org/content/thresholds-2026"');
      expect(email.text).toContain('Applying the new thresholds for works contracts');
    },
  );

  it('counts digest items in the subject with the language plural rules', () => {
    const oneItem: DigestModel = {
      ...SAMPLE_MODELS.digest,
      period: 'weekly',
      sections: [SAMPLE_MODELS.digest.sections[0]],
    };

    expect(renderer.render('digest', 'en', SAMPLE_MODELS.digest).subject).toBe(
      'Your daily summary: 3 new items',
    );
    expect(renderer.render('digest', 'en', oneItem).subject).toBe('Your weekly summary: 1 new item');
    expect(renderer.render('digest', 'de', oneItem).subject).toBe('Ihre wöchentliche Übersicht: 1 Neuigkeit');
  });

  it('groups the digest by category and community', () => {
    const { text } = renderer.render('digest', 'en', SAMPLE_MODELS.digest);

    expect(text.indexOf('== Mentions ==')).toBeLessThan(text.indexOf('Public Procurement Law'));
    expect(text.indexOf('Public Procurement Law')).toBeLessThan(text.indexOf('== Community activity =='));
    expect(text.indexOf('== Community activity ==')).toBeLessThan(text.indexOf('Green Public Procurement'));
  });

  it("writes dates in the recipient's time zone and language", () => {
    const model = SAMPLE_MODELS['access-request.moderator'];

    expect(renderer.render('access-request.moderator', 'en', model).text).toContain(
      '2 March 2026 at 09:15 UTC',
    );
    expect(
      renderer.render('access-request.moderator', 'de', model, { timeZone: 'Europe/Berlin' }).text,
    ).toContain('2. März 2026 um 10:15');
    expect(
      renderer.render('access-request.moderator', 'fr', model, { timeZone: 'Not/AZone' }).text,
    ).toContain('2 mars 2026 à 09:15 UTC');
  });
});
