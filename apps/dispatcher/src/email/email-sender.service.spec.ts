import {
  GetAccountCommand,
  MessageRejected,
  SendBulkEmailCommand,
  SendEmailCommand,
  SendingPausedException,
  SESv2ServiceException,
  TooManyRequestsException,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { Logger } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import { Registry } from 'prom-client';
import { EmailSender } from './email-sender.service';
import type { EmailSettings } from './email-settings';
import { PermanentEmailError, SendingPausedError, TransientEmailError } from './email.errors';
import type { OutgoingEmail } from './outgoing-email';
import { SesEmailGateway } from './ses-email.gateway';

const baseSettings: EmailSettings = {
  fromAddress: 'no-reply@buyers.example.eu',
  region: 'eu-west-1',
  maxSendRate: 1000,
  maxConcurrency: 4,
  bulkSize: 1,
  maxAttempts: 4,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 1000,
  pauseCooldownMs: 60_000,
  requestTimeoutMs: 5_000,
  connectTimeoutMs: 1_000,
};

const email: OutgoingEmail = {
  to: 'marc.dubois@example.org',
  subject: 'Anna Schmidt mentioned you',
  html: '<p>Hello</p>',
  text: 'Hello',
  notificationId: 'n-1',
  unsubscribe: { url: 'https://preferences.example.org/unsubscribe/abc' },
};

const meta = { $metadata: { httpStatusCode: 400 } };
const throttled = () =>
  new TooManyRequestsException({
    message: 'Maximum sending rate exceeded.',
    $metadata: { httpStatusCode: 429 },
  });
const serverError = () =>
  new SESv2ServiceException({
    name: 'ServiceUnavailable',
    $fault: 'server',
    message: 'Service unavailable',
    $metadata: { httpStatusCode: 503 },
  });

async function createSender(settings: Partial<EmailSettings> = {}, send: jest.Mock = jest.fn()) {
  const merged = { ...baseSettings, ...settings };
  const client = { send } as unknown as SESv2Client;
  const registry = new Registry();
  const sender = new EmailSender(new SesEmailGateway(client, merged), merged, new MetricsService(registry));
  await sender.onModuleInit();
  return { sender, send, registry };
}

describe('EmailSender', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends with the notification id and one-click unsubscribe headers and returns the SES message id', async () => {
    const { sender, send, registry } = await createSender(
      {},
      jest.fn().mockResolvedValue({ MessageId: 'ses-1' }),
    );

    await expect(sender.send(email)).resolves.toEqual({ messageId: 'ses-1' });

    const command = send.mock.calls[0][0] as SendEmailCommand;
    expect(command.input.Content?.Simple?.Headers).toEqual([
      { Name: 'X-Notification-Id', Value: 'n-1' },
      { Name: 'List-Unsubscribe', Value: '<https://preferences.example.org/unsubscribe/abc>' },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
    const sent = (await registry.getSingleMetric('dispatcher_emails_total')?.get())?.values;
    expect(sent).toEqual([expect.objectContaining({ value: 1, labels: { outcome: 'sent', code: 'ok' } })]);
  });

  it('retries throttling and server errors with growing, jittered delays, then succeeds', async () => {
    const callTimes: number[] = [];
    const send = jest.fn().mockImplementation(() => {
      callTimes.push(Date.now());
      return callTimes.length < 4
        ? Promise.reject(callTimes.length === 2 ? serverError() : throttled())
        : Promise.resolve({ MessageId: 'ses-2' });
    });
    const { sender } = await createSender({}, send);

    const result = sender.send(email);
    await jest.advanceTimersByTimeAsync(2_000);

    await expect(result).resolves.toEqual({ messageId: 'ses-2' });
    expect(send).toHaveBeenCalledTimes(4);
    const delays = callTimes.slice(1).map((time, index) => time - callTimes[index]);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
    expect(delays[2]).toBeGreaterThanOrEqual(200);
    expect(delays[2]).toBeLessThanOrEqual(400);
  });

  it('gives up with TransientEmailError after the configured attempts', async () => {
    const { sender, send } = await createSender({}, jest.fn().mockRejectedValue(throttled()));

    const outcome = expect(sender.send(email)).rejects.toMatchObject({
      name: 'TransientEmailError',
      code: 'TooManyRequestsException',
      attempts: 4,
    });
    await jest.advanceTimersByTimeAsync(5_000);
    await outcome;
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('does not retry a permanent rejection', async () => {
    const { sender, send } = await createSender(
      {},
      jest
        .fn()
        .mockRejectedValue(new MessageRejected({ message: 'Email address is not verified.', ...meta })),
    );

    const error = await sender.send(email).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PermanentEmailError);
    expect(error).toMatchObject({ code: 'MessageRejected' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('refuses an email that would inject headers without calling SES', async () => {
    const { sender, send } = await createSender({}, jest.fn());

    await expect(sender.send({ ...email, subject: 'a\r\nBcc: x@y.z' })).rejects.toBeInstanceOf(
      PermanentEmailError,
    );
    expect(send).not.toHaveBeenCalled();
  });

  it('pauses all sending on SendingPausedException and resumes after the cool-down', async () => {
    const send = jest
      .fn()
      .mockRejectedValueOnce(
        new SendingPausedException({ message: 'Sending is paused for this account.', ...meta }),
      )
      .mockResolvedValue({ MessageId: 'ses-3' });
    const { sender } = await createSender({}, send);

    const first = await sender.send(email).catch((caught: unknown) => caught);
    expect(first).toBeInstanceOf(SendingPausedError);
    expect((first as SendingPausedError).resumeAt.getTime()).toBe(Date.now() + 60_000);

    await expect(sender.send(email)).rejects.toBeInstanceOf(SendingPausedError);
    expect(send).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(60_000);
    await expect(sender.send(email)).resolves.toEqual({ messageId: 'ses-3' });
  });

  it('fails the emails waiting for their turn when a pause starts, without sending them', async () => {
    const send = jest.fn().mockRejectedValue(new SendingPausedException({ message: 'paused', ...meta }));
    const { sender } = await createSender({ maxSendRate: 1 }, send);

    const outcomes = [1, 2, 3].map(() => sender.send(email).catch((caught: unknown) => caught));
    await jest.advanceTimersByTimeAsync(3_000);

    for (const outcome of await Promise.all(outcomes)) {
      expect(outcome).toBeInstanceOf(SendingPausedError);
    }
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('keeps to the send rate: N emails at R per second take (N - burst) / R seconds', async () => {
    const { sender, send } = await createSender(
      { maxSendRate: 10, maxConcurrency: 50 },
      jest.fn().mockResolvedValue({ MessageId: 'ok' }),
    );

    const all = Promise.all(Array.from({ length: 31 }, () => sender.send(email)));
    await jest.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(10);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(send).toHaveBeenCalledTimes(20);
    await jest.advanceTimersByTimeAsync(1_100);
    expect(send).toHaveBeenCalledTimes(31);
    await expect(all).resolves.toHaveLength(31);
  });

  it('keeps at most maxConcurrency SendEmail calls in flight', async () => {
    const pending: (() => void)[] = [];
    const send = jest
      .fn()
      .mockImplementation(() => new Promise((resolve) => pending.push(() => resolve({ MessageId: 'ok' }))));
    const { sender } = await createSender({ maxConcurrency: 4 }, send);

    const all = Promise.all(Array.from({ length: 10 }, () => sender.send(email)));
    await jest.advanceTimersByTimeAsync(10);
    expect(send).toHaveBeenCalledTimes(4);

    pending.splice(0, 2).forEach((release) => release());
    await jest.advanceTimersByTimeAsync(10);
    expect(send).toHaveBeenCalledTimes(6);

    while (pending.length > 0) {
      pending.splice(0).forEach((release) => release());
      await jest.advanceTimersByTimeAsync(10);
    }
    await expect(all).resolves.toHaveLength(10);
  });

  it('keeps an accepted email’s place until its record is written, and never retries a record that fails', async () => {
    const send = jest.fn().mockResolvedValue({ MessageId: 'ses-1' });
    const { sender } = await createSender({ maxConcurrency: 2 }, send);
    const records: (() => void)[] = [];
    const record = () => new Promise<void>((resolve) => records.push(resolve));

    const all = Promise.all(Array.from({ length: 5 }, () => sender.send(email, record)));
    await jest.advanceTimersByTimeAsync(10);
    expect(send).toHaveBeenCalledTimes(2);
    expect(records).toHaveLength(2);

    records.splice(0, 1).forEach((done) => done());
    await jest.advanceTimersByTimeAsync(10);
    expect(send).toHaveBeenCalledTimes(3);

    while (records.length > 0 || send.mock.calls.length < 5) {
      records.splice(0).forEach((done) => done());
      await jest.advanceTimersByTimeAsync(10);
    }
    await expect(all).resolves.toHaveLength(5);

    send.mockClear();
    await expect(sender.send(email, () => Promise.reject(new Error('database down')))).resolves.toEqual({
      messageId: 'ses-1',
    });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends the emails that waited for a call in one SendBulkEmail, and retries only the entry SES throttled', async () => {
    const bulkInputs: SendBulkEmailCommand['input'][] = [];
    const send = jest.fn().mockImplementation((command: unknown) => {
      if (command instanceof SendBulkEmailCommand) {
        bulkInputs.push(command.input);
        const entries = command.input.BulkEmailEntries ?? [];
        return Promise.resolve({
          BulkEmailEntryResults: entries.map((_, index) =>
            bulkInputs.length === 1 && index === 1
              ? { Status: 'ACCOUNT_THROTTLED', Error: 'Maximum sending rate exceeded.' }
              : { Status: 'SUCCESS', MessageId: `bulk-${bulkInputs.length}-${index}` },
          ),
        });
      }
      return Promise.resolve({ MessageId: 'single' });
    });
    const { sender, registry } = await createSender({ maxConcurrency: 1, bulkSize: 10 }, send);
    const recorded: string[] = [];
    const to = ['a', 'b', 'c'].map((name) => `${name}@example.org`);

    const all = Promise.all(
      to.map((address, index) =>
        sender.send({ ...email, to: address, notificationId: `n-${index}` }, ({ messageId }) => {
          recorded.push(messageId);
          return Promise.resolve();
        }),
      ),
    );
    await jest.advanceTimersByTimeAsync(1_000);

    await expect(all).resolves.toEqual([
      { messageId: 'bulk-1-0' },
      { messageId: 'single' },
      { messageId: 'bulk-1-2' },
    ]);
    expect(recorded.sort()).toEqual(['bulk-1-0', 'bulk-1-2', 'single']);
    const [input] = bulkInputs;
    expect(input.BulkEmailEntries?.map((entry) => entry.Destination?.ToAddresses)).toEqual(
      to.map((a) => [a]),
    );
    expect(input.BulkEmailEntries?.[2].ReplacementHeaders).toEqual([
      { Name: 'X-Notification-Id', Value: 'n-2' },
      { Name: 'List-Unsubscribe', Value: '<https://preferences.example.org/unsubscribe/abc>' },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
    const retries = (await registry.getSingleMetric('dispatcher_email_retries_total')?.get())?.values;
    expect(retries).toEqual([
      expect.objectContaining({ value: 1, labels: { code: 'TooManyRequestsException' } }),
    ]);
  });

  describe('send rate', () => {
    it('uses the configured rate without asking SES', async () => {
      const { sender, send } = await createSender({ maxSendRate: 250 });

      expect(sender.sendRate).toBe(250);
      expect(send).not.toHaveBeenCalled();
    });

    it("reads the account's maximum send rate when none is configured", async () => {
      const send = jest
        .fn()
        .mockImplementation((command: unknown) =>
          command instanceof GetAccountCommand
            ? Promise.resolve({ SendQuota: { MaxSendRate: 40 } })
            : Promise.reject(new Error('unexpected')),
        );
      const { sender } = await createSender({ maxSendRate: undefined }, send);

      expect(sender.sendRate).toBe(40);
    });

    it('falls back to 14 per second when the endpoint cannot tell', async () => {
      const send = jest
        .fn()
        .mockRejectedValue(
          Object.assign(new Error('Account not found'), { $metadata: { httpStatusCode: 400 } }),
        );
      const { sender } = await createSender({ maxSendRate: undefined }, send);

      expect(sender.sendRate).toBe(14);
    });
  });

  it('reports TransientEmailError for network failures once retries are spent', async () => {
    const { sender } = await createSender(
      { maxAttempts: 2 },
      jest.fn().mockRejectedValue(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
    );

    const outcome = expect(sender.send(email)).rejects.toBeInstanceOf(TransientEmailError);
    await jest.advanceTimersByTimeAsync(1_000);
    await outcome;
  });
});
