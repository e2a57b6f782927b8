import { Logger } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import { getTestInfra, uniqueEmail, waitForEmails } from '@notify/testing';
import { Registry } from 'prom-client';
import { EmailRenderer, type RenderedEmail } from '../templates/email-renderer.service';
import { SAMPLE_MODELS } from '../templates/sample-models';
import { EmailSender } from './email-sender.service';
import type { EmailSettings } from './email-settings';
import { createSesClient } from './ses-client.provider';
import { SesEmailGateway } from './ses-email.gateway';

const renderer = new EmailRenderer({
  platformName: 'Κοινότητα Δημοσίων Αγοραστών',
  supportEmail: 'support@buyers.example.eu',
  publicBaseUrl: 'https://portal.example.org',
  previewEnabled: false,
});

const GREEK_TITLE = 'Κατώτατα όρια 2026 – «νέες» οδηγίες & ερωτήσεις';
const BULGARIAN_TITLE = 'Прагове за 2026 г. – „нови“ указания и въпроси';

/** Greek and Bulgarian subjects, one of them cut at 150 characters, as the templates write them. */
function emails(): [string, RenderedEmail][] {
  return [
    [
      'el mention',
      renderer.render('activity.mention', 'el', { ...SAMPLE_MODELS['activity.mention'], title: GREEK_TITLE }),
    ],
    ['el digest', renderer.render('digest', 'el-GR', SAMPLE_MODELS.digest, { timeZone: 'Europe/Athens' })],
    [
      'el long subject',
      renderer.render('access-request.approved', 'el', {
        ...SAMPLE_MODELS['access-request.approved'],
        communityName: 'Δημόσιες συμβάσεις και προμήθειες '.repeat(6),
      }),
    ],
    [
      'bg mention',
      renderer.render('activity.mention', 'bg', {
        ...SAMPLE_MODELS['activity.mention'],
        title: BULGARIAN_TITLE,
      }),
    ],
    ['bg digest', renderer.render('digest', 'bg-BG', SAMPLE_MODELS.digest, { timeZone: 'Europe/Sofia' })],
    [
      'bg moderator reminder',
      renderer.render('moderation.reminder', 'bg', SAMPLE_MODELS['moderation.reminder'], {
        timeZone: 'Europe/Sofia',
      }),
    ],
  ];
}

// Sends through the real SES v2 client to the local emulator and compares what its store kept.
describe('Greek and Bulgarian emails through the SES emulator', () => {
  const savedCredentials = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  let sender: EmailSender;
  let gateway: SesEmailGateway;
  let sesEndpoint: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    // The emulator only checks that requests are signed; the default provider chain reads these.
    process.env.AWS_ACCESS_KEY_ID ??= 'local-emulator';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local-emulator';
    sesEndpoint = (await getTestInfra()).sesEndpoint;
    const settings: EmailSettings = {
      fromAddress: '"Κοινότητα Δημοσίων Αγοραστών" <no-reply@buyers.example.eu>',
      region: 'eu-west-1',
      endpoint: sesEndpoint,
      maxConcurrency: 4,
      maxAttempts: 3,
      retryBaseDelayMs: 50,
      retryMaxDelayMs: 500,
      pauseCooldownMs: 10_000,
      requestTimeoutMs: 5_000,
    };
    gateway = new SesEmailGateway(createSesClient(settings), settings);
    sender = new EmailSender(gateway, settings, new MetricsService(new Registry()));
    await sender.onModuleInit();
  });

  afterAll(() => {
    gateway.onApplicationShutdown();
    for (const [name, value] of [
      ['AWS_ACCESS_KEY_ID', savedCredentials.id],
      ['AWS_SECRET_ACCESS_KEY', savedCredentials.secret],
    ] as const) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  });

  it.each(emails())(
    '%s: the stored subject and body are the rendered ones, character for character',
    async (_, email) => {
      const to = uniqueEmail('languages');
      const { language, ...content } = email;
      const { messageId } = await sender.send({ to, ...content, notificationId: `languages-${to}` });

      const [stored] = await waitForEmails(sesEndpoint, (candidate) => candidate.messageId === messageId, {
        to,
        timeoutMs: 10_000,
      });

      expect(language).toMatch(/^(el|bg)$/);
      expect(stored.subject).toBe(email.subject);
      expect(stored.subject).toMatch(language === 'el' ? /[\u0370-\u03ff]/ : /[\u0400-\u04ff]/);
      expect(Array.from(stored.subject).length).toBeLessThanOrEqual(150);
      expect(stored.subject).not.toContain('\ufffd');
      expect(stored.body.text).toBe(email.text);
      expect(stored.body.html).toBe(email.html);
    },
  );
});
