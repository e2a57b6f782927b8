import { emailHeader, recipientsOf, sesMessages, sleep, waitFor, type SesEmail } from '@notify/testing';

const DEFAULT_WAIT_MS = 20_000;
/** How long "nothing else arrives" is watched; long enough for the immediate pipeline, short enough for the suite. */
export const SETTLE_MS = 3_000;

/**
 * The emails the SES emulator holds for one address. Each address is unique to a scenario, so the store shared
 * with other suites is filtered rather than cleared. Emails are taken one by one as the scenario expects them;
 * whatever is never taken is unexpected.
 */
export class Mailbox {
  private readonly taken = new Set<string>();
  private readonly since = new Date(Date.now() - 5_000);

  constructor(
    private readonly sesEndpoint: string,
    readonly address: string,
  ) {}

  /** Waits until `count` emails not taken yet have arrived and takes the oldest `count` of them. */
  async take(count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<SesEmail[]> {
    let fresh: SesEmail[] = [];
    try {
      await waitFor(
        async () => {
          fresh = await this.untaken();
          return fresh.length >= count;
        },
        { timeoutMs, intervalMs: 250, description: `${count} email(s) to ${this.address}` },
      );
    } catch (error) {
      throw new Error(
        `Expected ${count} new email(s) to ${this.address} within ${timeoutMs} ms, got ${fresh.length}: ${describe(fresh)}`,
        { cause: error },
      );
    }
    const emails = fresh.slice(0, count);
    emails.forEach((email) => this.taken.add(email.messageId));
    return emails;
  }

  async takeOne(timeoutMs = DEFAULT_WAIT_MS): Promise<SesEmail> {
    const [email] = await this.take(1, timeoutMs);
    return email;
  }

  /** Emails that arrived and were not taken. */
  async untaken(): Promise<SesEmail[]> {
    const emails = await sesMessages(this.sesEndpoint, { since: this.since, to: this.address });
    return emails.filter((email) => !this.taken.has(email.messageId));
  }
}

/** Waits a settle period once, then fails naming every email none of the mailboxes expected. */
export async function expectNoOtherMail(mailboxes: readonly Mailbox[], settleMs = SETTLE_MS): Promise<void> {
  await sleep(settleMs);
  const unexpected = await Promise.all(
    mailboxes.map(async (mailbox) => ({ address: mailbox.address, emails: await mailbox.untaken() })),
  );
  const problems = unexpected.filter(({ emails }) => emails.length > 0);
  if (problems.length > 0) {
    throw new Error(
      `Unexpected email(s) after a ${settleMs} ms settle period:\n${problems
        .map(({ address, emails }) => `  ${address}: ${describe(emails)}`)
        .join('\n')}`,
    );
  }
}

/** The one address an email was sent to (each email has a single recipient in this system). */
export function recipientOf(email: SesEmail): string {
  return recipientsOf(email).join(', ');
}

export function header(email: SesEmail, name: string): string | undefined {
  return emailHeader(email, name);
}

export function textOf(email: SesEmail): string {
  return email.body.text ?? '';
}

export function htmlOf(email: SesEmail): string {
  return email.body.html ?? '';
}

function describe(emails: readonly SesEmail[]): string {
  return emails.length === 0 ? 'none' : emails.map((email) => JSON.stringify(email.subject)).join(', ');
}
