import { Logger } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import { emailHeader, getTestInfra, uniqueEmail, waitForEmails, type SesEmail } from '@notify/testing';
import { Registry } from 'prom-client';
import { EmailRenderer, type RenderedEmail } from '../templates/email-renderer.service';
import { SAMPLE_MODELS } from '../templates/sample-models';
import { EmailSender } from './email-sender.service';
import { DEFAULT_SEND_RATE, type EmailSettings } from './email-settings';
import { createSesClient } from './ses-client.provider';
import { SesEmailGateway } from './ses-email.gateway';

// Sends through the real SES v2 API of the local emulator and reads back what it stored.
describe('EmailSender against the SES emulator', () => {
  const savedCredentials = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  const renderer = new EmailRenderer({
    platformName: 'Public Buyers Community',
    supportEmail: 'support@buyers.example.eu',
    publicBaseUrl: 'https://portal.example.org',
    previewEnabled: false,
  });
  let sender: EmailSender;
  let gateway: SesEmailGateway;
  let sesEndpoint: string;
  let settings: EmailSettings;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    // The emulator only checks that requests are signed; the default provider chain reads these.
    process.env.AWS_ACCESS_KEY_ID ??= 'local-emulator';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local-emulator';
    sesEndpoint = (await getTestInfra()).sesEndpoint;
    settings = {
      fromAddress: '"Public Buyers Community" <no-reply@buyers.example.eu>',
      region: 'eu-west-1',
      endpoint: sesEndpoint,
      maxConcurrency: 4,
      bulkSize: 10,
      maxAttempts: 3,
      retryBaseDelayMs: 50,
      retryMaxDelayMs: 500,
      pauseCooldownMs: 10_000,
      requestTimeoutMs: 5_000,
      connectTimeoutMs: 1_000,
    };
    gateway = new SesEmailGateway(createSesClient(settings), settings);
    sender = new EmailSender(gateway, settings, new MetricsService(new Registry()));
    await sender.onModuleInit();
  });

  afterAll(() => {
    gateway.onApplicationShutdown();
    process.env.AWS_ACCESS_KEY_ID = savedCredentials.id;
    process.env.AWS_SECRET_ACCESS_KEY = savedCredentials.secret;
    if (savedCredentials.id === undefined) {
      delete process.env.AWS_ACCESS_KEY_ID;
    }
    if (savedCredentials.secret === undefined) {
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  async function sendAndRead(
    unsubscribe: boolean,
  ): Promise<{ stored: SesEmail; messageId: string; to: string }> {
    const to = uniqueEmail('mail-spec');
    const unsubscribeUrl = 'https://preferences.example.org/unsubscribe/v1.c2lnbmVk';
    const rendered = renderer.render('activity.mention', 'fr', SAMPLE_MODELS['activity.mention'], {
      unsubscribeUrl: unsubscribe ? unsubscribeUrl : undefined,
    });
    const { messageId } = await sender.send({
      to,
      ...rendered,
      notificationId: `delivery-${to}`,
      unsubscribe: unsubscribe ? { url: unsubscribeUrl } : undefined,
    });
    const [stored] = await waitForEmails(sesEndpoint, (email) => email.messageId === messageId, {
      to,
      timeoutMs: 10_000,
    });
    return { stored, messageId, to };
  }

  it("keeps to the account's send rate, or the default where the endpoint does not report one", async () => {
    const reported = await gateway.maxSendRate().catch(() => undefined);

    expect(sender.sendRate).toBe(reported ?? DEFAULT_SEND_RATE);
  });

  it('delivers the rendered email with RFC 8058 unsubscribe headers and the notification id', async () => {
    const { stored, messageId, to } = await sendAndRead(true);

    expect(messageId).not.toBe('');
    expect(stored.destination.to).toEqual([to]);
    expect(stored.subject).toBe(
      'Anna Schmidt vous a mentionné dans « Applying the new thresholds for works contracts »',
    );
    expect(stored.body.html).toContain(
      'Des questions ? Écrivez à <a href="mailto:support@buyers.example.eu">',
    );
    expect(stored.body.text).toContain('Des questions ? Écrivez à support@buyers.example.eu.');
    expect(emailHeader(stored, 'List-Unsubscribe')).toBe(
      '<https://preferences.example.org/unsubscribe/v1.c2lnbmVk>',
    );
    expect(emailHeader(stored, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(emailHeader(stored, 'X-Notification-Id')).toBe(`delivery-${to}`);
  });

  it('leaves the unsubscribe headers off an email that cannot be switched off', async () => {
    const { stored, to } = await sendAndRead(false);

    expect(emailHeader(stored, 'X-Notification-Id')).toBe(`delivery-${to}`);
    expect(emailHeader(stored, 'List-Unsubscribe')).toBeUndefined();
    expect(emailHeader(stored, 'List-Unsubscribe-Post')).toBeUndefined();
  });

  it.each(greekAndBulgarianEmails())(
    'keeps the %s subject and body intact, character for character',
    async (_, email) => {
      const to = uniqueEmail('languages');
      const { language, ...content } = email;
      const { messageId } = await sender.send({ to, ...content, notificationId: `languages-${to}` });

      const [stored] = await waitForEmails(sesEndpoint, (candidate) => candidate.messageId === messageId, {
        to,
        timeoutMs: 10_000,
      });
      expect(stored.subject).toBe(email.subject);
      expect(stored.subject).toMatch(language === 'el' ? /[\u0370-\u03ff]/ : /[\u0400-\u04ff]/);
      expect(stored.subject).not.toContain('\ufffd');
      expect(stored.body.text).toBe(email.text);
      expect(stored.body.html).toBe(email.html);
    },
  );

  it('sends emails that leave together in one SendBulkEmail each with its own content and headers, as they are', async () => {
    const registry = new Registry();
    const bulkSender = new EmailSender(
      gateway,
      { ...settings, maxConcurrency: 1, bulkSize: 10 },
      new MetricsService(registry),
    );
    await bulkSender.onModuleInit();
    const emails = greekAndBulgarianEmails().map(([, { language: _language, ...content }], index) => ({
      ...content,
      subject: `${content.subject} {{subject}} & <${index}>`,
      to: uniqueEmail('bulk'),
      notificationId: `bulk-${index}`,
      unsubscribe:
        index % 2 === 0 ? { url: `https://preferences.example.org/unsubscribe/${index}` } : undefined,
    }));

    const results = await Promise.all(emails.map((email) => bulkSender.send(email)));

    const calls = ((await registry.getSingleMetric('dispatcher_ses_call_emails')?.get())?.values ?? []) as {
      metricName?: string;
      value: number;
    }[];
    expect(calls.find((value) => value.metricName?.endsWith('_count'))?.value).toBe(1);
    expect(calls.find((value) => value.metricName?.endsWith('_sum'))?.value).toBe(emails.length);
    for (const [index, email] of emails.entries()) {
      const [stored] = await waitForEmails(
        sesEndpoint,
        (candidate) => candidate.messageId === results[index].messageId,
        {
          to: email.to,
          timeoutMs: 10_000,
        },
      );
      expect(stored.destination.to).toEqual([email.to]);
      expect(stored.subject).toBe(email.subject);
      expect(stored.body.html).toBe(email.html);
      expect(stored.body.text).toBe(email.text);
      expect(emailHeader(stored, 'X-Notification-Id')).toBe(`bulk-${index}`);
      expect(emailHeader(stored, 'List-Unsubscribe')).toBe(
        email.unsubscribe ? `<${email.unsubscribe.url}>` : undefined,
      );
    }
  });

  /** Greek and Bulgarian subjects with typographic quotes, one cut at 150 characters, as the templates write them. */
  function greekAndBulgarianEmails(): [string, RenderedEmail][] {
    const greekTitle = 'Κατώτατα όρια 2026 – «νέες» οδηγίες & ερωτήσεις';
    const bulgarianTitle = 'Прагове за 2026 г. – „нови“ указания и въпроси';
    const mention = SAMPLE_MODELS['activity.mention'];
    return [
      ['Greek mention', renderer.render('activity.mention', 'el', { ...mention, title: greekTitle })],
      [
        'Greek digest',
        renderer.render('digest', 'el-GR', SAMPLE_MODELS.digest, { timeZone: 'Europe/Athens' }),
      ],
      [
        'Greek, cut at 150 characters,',
        renderer.render('access-request.approved', 'el', {
          ...SAMPLE_MODELS['access-request.approved'],
          communityName: 'Δημόσιες συμβάσεις και προμήθειες '.repeat(6),
        }),
      ],
      ['Bulgarian mention', renderer.render('activity.mention', 'bg', { ...mention, title: bulgarianTitle })],
      [
        'Bulgarian digest',
        renderer.render('digest', 'bg-BG', SAMPLE_MODELS.digest, { timeZone: 'Europe/Sofia' }),
      ],
    ];
  }
});
