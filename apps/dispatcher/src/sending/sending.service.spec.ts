import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { EmailSender } from '../email/email-sender.service';
import { PermanentEmailError, TransientEmailError } from '../email/email.errors';
import type { EmailRenderer } from '../templates/email-renderer.service';
import { UnrenderableDeliveryError, type RenderRequest } from './email-models';
import { SendingService, type EmailToSend } from './sending.service';
import { UnsubscribeLinks } from './unsubscribe-links';

const request: RenderRequest = {
  template: 'activity.private-message',
  model: { recipientName: 'Jean', senderName: 'Ada', url: 'https://platform.example.org/messages/1' },
};

describe('SendingService', () => {
  const renderer = { render: jest.fn() };
  const emails = { send: jest.fn() };
  const config = {
    SENDER_MAX_ATTEMPTS: 3,
    SENDER_RETRY_DELAY: 1000,
    SES_MAX_CONCURRENCY: 8,
  } as DispatcherConfig;
  const links = new UnsubscribeLinks(
    new UnsubscribeTokens(new LinkSigner([{ id: 'k1', secret: 'sending-service-spec-secret-0123456789' }])),
    'https://preferences.example.org',
    60_000,
  );
  const sending = new SendingService(
    config,
    renderer as unknown as EmailRenderer,
    emails as unknown as EmailSender,
    links,
  );
  const email = (overrides: Partial<EmailToSend> = {}): EmailToSend => ({
    recipientUserId: 'user-1',
    recipient: { email: 'jean@example.org', name: 'Jean', locale: 'fr-BE', timeZone: 'Europe/Paris' },
    build: () => request,
    notificationId: 'n-1',
    category: 'privateMessages',
    about: ['privateMessages'],
    attempt: 1,
    ...overrides,
  });

  beforeEach(() => {
    renderer.render
      .mockReset()
      .mockReturnValue({ subject: 'S', html: '<p>h</p>', text: 't', language: 'fr' });
    emails.send.mockReset().mockResolvedValue({ messageId: 'ses-1' });
  });

  it('starts no more than SES_MAX_CONCURRENCY emails whose outcome is not yet recorded', async () => {
    const recorded: (() => void)[] = [];
    const record = () => new Promise<void>((resolve) => recorded.push(resolve));
    const all = Array.from({ length: 12 }, (_, i) =>
      sending.sendAndRecord(email({ notificationId: `n-${i}` }), record),
    );
    await new Promise((resolve) => setImmediate(resolve));

    expect(emails.send).toHaveBeenCalledTimes(8);
    recorded.splice(0, 3).forEach((done) => done());
    await new Promise((resolve) => setImmediate(resolve));
    expect(emails.send).toHaveBeenCalledTimes(11);
    while (recorded.length > 0 || emails.send.mock.calls.length < 12) {
      recorded.splice(0).forEach((done) => done());
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(emails.send).toHaveBeenCalledTimes(12);
  });

  it('renders in the recipient’s language and time zone, sends with the template and category, and says sent', async () => {
    await expect(sending.renderAndSend(email())).resolves.toEqual({
      kind: 'sent',
      messageId: 'ses-1',
      language: 'fr',
    });

    expect(renderer.render).toHaveBeenCalledWith('activity.private-message', 'fr-BE', request.model, {
      unsubscribeUrl: expect.stringMatching(/^https:\/\/preferences\.example\.org\/unsubscribe\?token=/),
      timeZone: 'Europe/Paris',
    });
    expect(emails.send).toHaveBeenCalledWith(
      expect.objectContaining({
        to: 'jean@example.org',
        notificationId: 'n-1',
        template: 'activity.private-message',
        category: 'privateMessages',
        unsubscribe: { url: expect.stringContaining('/unsubscribe?token=') },
      }),
    );
  });

  it.each<[string, string[], boolean]>([
    ['one optional category', ['mentions', 'mentions'], true],
    ['two categories', ['mentions', 'comments'], false],
    ['a category that cannot be switched off', ['communityActivity'], false],
    ['no category', [], false],
  ])('an email about %s (%j) offers one-click unsubscribe: %s', async (_case, about, offered) => {
    await sending.renderAndSend(email({ about }));

    const sent = emails.send.mock.calls[0][0] as { unsubscribe?: unknown };
    expect(sent.unsubscribe !== undefined).toBe(offered);
  });

  it.each<[string, () => unknown, object]>([
    [
      'the provider refuses it',
      () => new PermanentEmailError('MessageRejected', 'no'),
      { kind: 'failed', reason: 'rejected-by-provider' },
    ],
    [
      'SES keeps throttling',
      () => new TransientEmailError('Throttling', 3),
      { kind: 'retry', countAttempt: true },
    ],
  ])('turns a send that fails because %s into its outcome', async (_case, error, outcome) => {
    emails.send.mockRejectedValue(error());

    await expect(sending.renderAndSend(email())).resolves.toMatchObject(outcome);
  });

  it('fails an email whose model cannot be built, without rendering or sending anything', async () => {
    const build = (): RenderRequest => {
      throw new UnrenderableDeliveryError('digest', 'platform.mention.created');
    };

    await expect(sending.renderAndSend(email({ build }))).resolves.toMatchObject({
      kind: 'failed',
      reason: 'unrenderable',
    });
    expect(renderer.render).not.toHaveBeenCalled();
    expect(emails.send).not.toHaveBeenCalled();
  });

  it('retries a transient failure after the configured delay, doubled for the second try', async () => {
    emails.send.mockRejectedValue(new TransientEmailError('Throttling', 3));
    const before = Date.now();

    const outcome = await sending.renderAndSend(email({ attempt: 2 }));

    expect(outcome.kind).toBe('retry');
    const waitMs = outcome.kind === 'retry' ? outcome.at.getTime() - before : NaN;
    expect(waitMs).toBeGreaterThanOrEqual(2000);
    expect(waitMs).toBeLessThan(2000 + 1000);
  });

  it('gives up after the configured number of tries', async () => {
    emails.send.mockRejectedValue(new TransientEmailError('Throttling', 3));

    await expect(sending.renderAndSend(email({ attempt: 3 }))).resolves.toMatchObject({
      kind: 'failed',
      reason: 'retries-exhausted',
    });
  });
});
