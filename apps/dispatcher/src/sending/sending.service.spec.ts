import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { EmailSender, WhileHeld } from '../email/email-sender.service';
import { PermanentEmailError, TransientEmailError } from '../email/email.errors';
import type { EmailRenderer } from '../templates/email-renderer.service';
import { UnrenderableDeliveryError, type RenderRequest } from './email-models';
import { SendingService, type EmailToSend, type SendOutcome } from './sending.service';
import { UnsubscribeLinks } from './unsubscribe-links';

const request: RenderRequest = {
  template: 'activity.private-message',
  model: { recipientName: 'Jean', senderName: 'Ada', url: 'https://platform.example.org/messages/1' },
};

/** A record that keeps the outcome as it was given. */
const outcomeOf = (outcome: SendOutcome): Promise<SendOutcome> => Promise.resolve(outcome);

describe('SendingService', () => {
  const renderer = { render: jest.fn() };
  const emails = { send: jest.fn() };
  const config = {
    SENDER_MAX_ATTEMPTS: 3,
    SENDER_RETRY_DELAY: 1000,
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
    emails.send.mockReset().mockImplementation(async (_email: unknown, whileHeld: WhileHeld) => {
      await whileHeld({ messageId: 'ses-1' });
      return { messageId: 'ses-1' };
    });
  });

  it('records a sent email inside the sender’s hook, before the sender frees its place', async () => {
    const events: string[] = [];
    emails.send.mockImplementation(async (_email: unknown, whileHeld: WhileHeld) => {
      events.push('accepted');
      await whileHeld({ messageId: 'ses-1' });
      events.push('place freed');
      return { messageId: 'ses-1' };
    });

    const result = await sending.sendAndRecord(email(), (outcome) => {
      events.push(`recorded ${outcome.kind}`);
      return Promise.resolve('stored');
    });

    expect(result).toBe('stored');
    expect(events).toEqual(['accepted', 'recorded sent', 'place freed']);
  });

  it('rejects with the record’s own failure, which the sender never sees', async () => {
    let seenBySender: unknown = 'nothing';
    emails.send.mockImplementation(async (_email: unknown, whileHeld: WhileHeld) => {
      seenBySender = await whileHeld({ messageId: 'ses-1' }).catch((error: unknown) => error);
      return { messageId: 'ses-1' };
    });

    await expect(
      sending.sendAndRecord(email(), () => Promise.reject(new Error('database down'))),
    ).rejects.toThrow('database down');
    expect(seenBySender).toBeUndefined();
  });

  it('renders in the recipient’s language and time zone, sends with the template and category, and says sent', async () => {
    await expect(sending.sendAndRecord(email(), outcomeOf)).resolves.toEqual({
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
      expect.any(Function),
    );
  });

  it.each<[string, string[], boolean]>([
    ['one optional category', ['mentions', 'mentions'], true],
    ['two categories', ['mentions', 'comments'], false],
    ['a category that cannot be switched off', ['communityActivity'], false],
    ['no category', [], false],
  ])('an email about %s (%j) offers one-click unsubscribe: %s', async (_case, about, offered) => {
    await sending.sendAndRecord(email({ about }), outcomeOf);

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

    await expect(sending.sendAndRecord(email(), outcomeOf)).resolves.toMatchObject(outcome);
  });

  it('fails an email whose model cannot be built, without rendering or sending anything', async () => {
    const build = (): RenderRequest => {
      throw new UnrenderableDeliveryError('digest', 'platform.mention.created');
    };

    await expect(sending.sendAndRecord(email({ build }), outcomeOf)).resolves.toMatchObject({
      kind: 'failed',
      reason: 'unrenderable',
    });
    expect(renderer.render).not.toHaveBeenCalled();
    expect(emails.send).not.toHaveBeenCalled();
  });

  it('retries a transient failure after the configured delay, doubled for the second try', async () => {
    emails.send.mockRejectedValue(new TransientEmailError('Throttling', 3));
    const before = Date.now();

    const outcome = await sending.sendAndRecord(email({ attempt: 2 }), outcomeOf);

    expect(outcome.kind).toBe('retry');
    const waitMs = outcome.kind === 'retry' ? outcome.at.getTime() - before : NaN;
    expect(waitMs).toBeGreaterThanOrEqual(2000);
    expect(waitMs).toBeLessThan(2000 + 1000);
  });

  it('gives up after the configured number of tries', async () => {
    emails.send.mockRejectedValue(new TransientEmailError('Throttling', 3));

    await expect(sending.sendAndRecord(email({ attempt: 3 }), outcomeOf)).resolves.toMatchObject({
      kind: 'failed',
      reason: 'retries-exhausted',
    });
  });
});
