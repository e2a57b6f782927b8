import { waitFor } from './wait-for';

/** An email as the SES v2 emulator stored it. */
export interface SesEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
  /** Seconds since the epoch. */
  at: number;
}

export interface SesQuery {
  /** Only emails stored at or after this instant (the emulator keeps whole seconds). */
  since?: Date;
  /** Only emails with this address among the recipients (case-insensitive). */
  to?: string;
}

export interface WaitForEmailsOptions extends SesQuery {
  count?: number;
  timeoutMs?: number;
}

/** Reads the emulator's store; use unique recipient addresses per test rather than clearing a shared store. */
export async function sesMessages(endpoint: string, query: SesQuery = {}): Promise<SesEmail[]> {
  const url = new URL('/store', endpoint);
  if (query.since) {
    url.searchParams.set('since', String(Math.floor(query.since.getTime() / 1000)));
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`SES emulator store answered ${response.status}`);
  }
  const { emails } = (await response.json()) as { emails: SesEmail[] };
  const recipient = query.to?.toLowerCase();
  return recipient ? emails.filter((email) => recipientsOf(email).includes(recipient)) : emails;
}

/** Empties the emulator's store; it is shared by every suite using the emulator, so prefer filtering. */
export async function clearSesStore(endpoint: string): Promise<void> {
  const response = await fetch(new URL('/clear-store', endpoint), { method: 'POST' });
  if (!response.ok) {
    throw new Error(`SES emulator clear-store answered ${response.status}`);
  }
}

/** Polls the store until at least `count` emails match; resolves with the matches. */
export async function waitForEmails(
  endpoint: string,
  predicate: (email: SesEmail) => boolean = () => true,
  { count = 1, timeoutMs = 15_000, ...query }: WaitForEmailsOptions = {},
): Promise<SesEmail[]> {
  let matched: SesEmail[] = [];
  try {
    return await waitFor(
      async () => {
        matched = (await sesMessages(endpoint, query)).filter(predicate);
        return matched.length >= count ? matched : undefined;
      },
      { timeoutMs, intervalMs: 200, description: `${count} email(s)` },
    );
  } catch (error) {
    throw new Error(`Expected ${count} matching email(s) in the SES emulator, found ${matched.length}`, {
      cause: error,
    });
  }
}

/** The value of a header the sender set, case-insensitive. */
export function emailHeader(email: SesEmail, name: string): string | undefined {
  return email.headers?.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value;
}

export function recipientsOf(email: SesEmail): string[] {
  const { to, cc, bcc } = email.destination;
  return [...to, ...cc, ...bcc].map(bareAddress);
}

/** `"Ana" <ana@example.org>` → `ana@example.org`. */
function bareAddress(recipient: string): string {
  const angled = /<([^>]+)>\s*$/.exec(recipient);
  return (angled ? angled[1] : recipient).trim().toLowerCase();
}
