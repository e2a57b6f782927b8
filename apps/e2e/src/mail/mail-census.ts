import { recipientsOf, sesMessages, waitFor } from '@notify/testing';

/** How many emails each of a scenario's addresses received, and what that says about loss and duplicates. */
export interface MailCensus {
  /** Emails per address; every address asked about is present, with 0 when none arrived. */
  counts: Map<string, number>;
  total: number;
  /** Emails beyond the first one per address. */
  duplicates: number;
  duplicatedAddresses: string[];
  missingAddresses: string[];
}

/** Reads the shared SES store once (from `since`) and counts the emails to `addresses`. */
export async function takeMailCensus(
  sesEndpoint: string,
  addresses: readonly string[],
  since: Date,
): Promise<MailCensus> {
  const counts = new Map(addresses.map((address) => [address.toLowerCase(), 0]));
  for (const email of await sesMessages(sesEndpoint, { since })) {
    for (const recipient of recipientsOf(email)) {
      const count = counts.get(recipient);
      if (count !== undefined) {
        counts.set(recipient, count + 1);
      }
    }
  }
  const entries = [...counts.entries()];
  return {
    counts,
    total: entries.reduce((sum, [, count]) => sum + count, 0),
    duplicates: entries.reduce((sum, [, count]) => sum + Math.max(0, count - 1), 0),
    duplicatedAddresses: entries.filter(([, count]) => count > 1).map(([address]) => address),
    missingAddresses: entries.filter(([, count]) => count === 0).map(([address]) => address),
  };
}

/** Polls the store until `accept` holds for the census, and returns that census. */
export async function waitForMailCensus(
  sesEndpoint: string,
  addresses: readonly string[],
  since: Date,
  accept: (census: MailCensus) => boolean,
  { timeoutMs, description }: { timeoutMs: number; description: string },
): Promise<MailCensus> {
  let latest: MailCensus | undefined;
  try {
    return await waitFor(
      async () => {
        latest = await takeMailCensus(sesEndpoint, addresses, since);
        return accept(latest) ? latest : undefined;
      },
      { timeoutMs, intervalMs: 100, description },
    );
  } catch (error) {
    const seen = latest
      ? `${latest.total} email(s), ${latest.missingAddresses.length} address(es) without any`
      : '';
    throw new Error(`${(error as Error).message}; last census: ${seen}`, { cause: error });
  }
}
