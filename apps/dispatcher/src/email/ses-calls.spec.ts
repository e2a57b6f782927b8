import { MessageRejected, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import type { OutgoingEmail } from './outgoing-email';
import { SesCalls, type SesCallLimits } from './ses-calls';
import type { BulkOutcome } from './ses-email.gateway';
import { SesBulkEntryError } from './ses-failure';

const emailTo = (to: string): OutgoingEmail => ({
  to,
  subject: `Hello ${to}`,
  html: '<p>Hello</p>',
  text: 'Hello',
  notificationId: `n-${to}`,
});

interface Call {
  emails: string[];
  finish(outcomes?: BulkOutcome[]): void;
  fail(error: unknown): void;
}

/** A gateway whose calls stay open until the test finishes or fails them. */
function fakeGateway() {
  const calls: Call[] = [];
  const open = (emails: readonly OutgoingEmail[], single: boolean) =>
    new Promise<BulkOutcome[] | string>((resolve, reject) => {
      const to = emails.map((email) => email.to);
      calls.push({
        emails: to,
        finish: (outcomes) =>
          resolve(
            single ? `id-${to[0]}` : (outcomes ?? to.map((address) => ({ messageId: `id-${address}` }))),
          ),
        fail: reject,
      });
    });
  const gateway = {
    send: jest.fn((email: OutgoingEmail) => open([email], true) as Promise<string>),
    sendBulk: jest.fn((emails: readonly OutgoingEmail[]) => open(emails, false) as Promise<BulkOutcome[]>),
  };
  return { gateway, calls };
}

function setUp(limits: SesCallLimits, admit: () => void = () => undefined) {
  const { gateway, calls } = fakeGateway();
  const sizes: number[] = [];
  const sesCalls = new SesCalls(gateway, limits, admit, (emails) => sizes.push(emails));
  const recorded: string[] = [];
  const send = (to: string) =>
    sesCalls.send(emailTo(to), ({ messageId }) => {
      recorded.push(messageId);
      return Promise.resolve();
    });
  return { gateway, calls, sizes, recorded, send };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Keeps the only call busy with one email, queues `names` behind it, then frees it: they leave in the next call. */
async function queuedBehindOneCall(
  send: (to: string) => Promise<string>,
  calls: Call[],
  names: string[],
): Promise<Promise<unknown>[]> {
  const blocker = send('first@example.org');
  await settle();
  const sent = names.map((name) => send(`${name}@example.org`).catch((error: unknown) => error));
  await settle();
  calls[0].finish();
  await blocker;
  await settle();
  return sent;
}

describe('SesCalls', () => {
  it('sends an email that finds a call free alone, through SendEmail', async () => {
    const { gateway, calls, recorded, send } = setUp({ maxConcurrency: 2, bulkSize: 10 });

    const sent = send('a@example.org');
    await settle();
    calls[0].finish();

    await expect(sent).resolves.toBe('id-a@example.org');
    expect(gateway.send).toHaveBeenCalledTimes(1);
    expect(gateway.sendBulk).not.toHaveBeenCalled();
    expect(recorded).toEqual(['id-a@example.org']);
  });

  it('sends emails waiting for a call together, at most bulkSize a call and maxConcurrency calls at once', async () => {
    const { calls, sizes, send } = setUp({ maxConcurrency: 2, bulkSize: 3 });

    const first = [
      send('a@example.org'),
      send('b@example.org'),
      send('c@example.org'),
      send('d@example.org'),
    ];
    await settle();
    expect(calls.map((call) => call.emails.length)).toEqual([3, 1]);

    const later = ['e', 'f', 'g', 'h'].map((name) => send(`${name}@example.org`));
    await settle();
    expect(calls).toHaveLength(2);

    calls[0].finish();
    await settle();
    expect(calls.map((call) => call.emails)).toEqual([
      ['a@example.org', 'b@example.org', 'c@example.org'],
      ['d@example.org'],
      ['e@example.org', 'f@example.org', 'g@example.org'],
    ]);
    calls[1].finish();
    await settle();
    calls.slice(2).forEach((call) => call.finish());

    await expect(Promise.all([...first, ...later])).resolves.toHaveLength(8);
    expect(sizes).toEqual([3, 1, 3, 1]);
  });

  it('keeps a call’s place until every email SES accepted in it is recorded', async () => {
    const { gateway, calls } = fakeGateway();
    const sesCalls = new SesCalls(gateway, { maxConcurrency: 1, bulkSize: 2 }, () => undefined);
    const records: (() => void)[] = [];
    const record = () => new Promise<void>((resolve) => records.push(resolve));

    const sent = ['a', 'b', 'c'].map((name) => sesCalls.send(emailTo(`${name}@example.org`), record));
    await settle();
    calls[0].finish();
    await settle();
    expect(records).toHaveLength(2);

    records[0]();
    await settle();
    expect(calls).toHaveLength(1);

    records[1]();
    await settle();
    expect(calls).toHaveLength(2);
    calls[1].finish();
    await settle();
    records[2]();

    await expect(Promise.all(sent)).resolves.toEqual([
      'id-a@example.org',
      'id-b@example.org',
      'id-c@example.org',
    ]);
  });

  it('fails only the entries SES did not send, and asks SES again for the ones it refused in the bulk form', async () => {
    const { gateway, calls, recorded, send } = setUp({ maxConcurrency: 1, bulkSize: 5 });
    const throttled = new SesBulkEntryError('TooManyRequestsException', 'ACCOUNT_THROTTLED');

    const sent = await queuedBehindOneCall(send, calls, ['a', 'b', 'c']);
    calls[1].finish([{ messageId: 'id-a' }, { error: throttled }, { alone: true }]);
    await settle();

    expect(gateway.send).toHaveBeenLastCalledWith(expect.objectContaining({ to: 'c@example.org' }));
    calls[2].finish();
    await expect(Promise.all(sent)).resolves.toEqual(['id-a', throttled, 'id-c@example.org']);
    expect(recorded).toEqual(['id-first@example.org', 'id-a', 'id-c@example.org']);
  });

  it('asks SES for each email alone when the whole call is refused, so that only the culprit fails', async () => {
    const { calls, send } = setUp({ maxConcurrency: 1, bulkSize: 5 });
    const rejected = new MessageRejected({ message: 'bad', $metadata: { httpStatusCode: 400 } });

    const sent = await queuedBehindOneCall(send, calls, ['a', 'b']);
    calls[1].fail(rejected);
    await settle();
    expect(calls[2].emails).toEqual(['a@example.org']);
    calls[2].fail(rejected);
    await settle();
    expect(calls[3].emails).toEqual(['b@example.org']);
    calls[3].finish();

    await expect(Promise.all(sent)).resolves.toEqual([rejected, 'id-b@example.org']);
  });

  it('fails every email of a call that failed for a reason a retry answers', async () => {
    const { calls, send } = setUp({ maxConcurrency: 1, bulkSize: 5 });
    const throttled = new TooManyRequestsException({
      message: 'slow down',
      $metadata: { httpStatusCode: 429 },
    });

    const sent = await queuedBehindOneCall(send, calls, ['a', 'b']);
    calls[1].fail(throttled);

    await expect(Promise.all(sent)).resolves.toEqual([throttled, throttled]);
    expect(calls).toHaveLength(2);
  });

  it('fails an email refused as its call starts without sending it', async () => {
    let paused = false;
    const { gateway, calls, send } = setUp({ maxConcurrency: 1, bulkSize: 5 }, () => {
      if (paused) {
        throw new Error('paused');
      }
    });

    const blocker = send('first@example.org');
    await settle();
    const waiting = send('a@example.org');
    await settle();
    paused = true;
    calls[0].finish();

    await expect(blocker).resolves.toBe('id-first@example.org');
    await expect(waiting).rejects.toThrow('paused');
    expect(gateway.send).toHaveBeenCalledTimes(1);
    expect(gateway.sendBulk).not.toHaveBeenCalled();
  });

  it('refuses limits SES or the queue cannot honour', () => {
    const { gateway } = fakeGateway();
    expect(() => new SesCalls(gateway, { maxConcurrency: 0, bulkSize: 1 }, () => undefined)).toThrow(
      'maxConcurrency',
    );
    expect(() => new SesCalls(gateway, { maxConcurrency: 1, bulkSize: 51 }, () => undefined)).toThrow(
      'bulkSize must be an integer from 1 to 50',
    );
  });
});
