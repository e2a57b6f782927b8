import { recipientsOf, sesMessages } from '@notify/testing';

/** One email a scenario expects: to one address, with a subject unique among the scenario's emails. */
export interface ExpectedEmail {
  to: string;
  subject: string;
}

/** How many times each expected email arrived: loss and duplicates per message rather than per address. */
export interface MessageCensus {
  /** Emails matching an expected one, duplicates included. */
  total: number;
  /** Expected emails that arrived at least once. */
  distinct: number;
  /** Emails beyond the first copy of each expected one. */
  duplicates: number;
  missing: number;
}

const keyOf = (to: string, subject: string): string => `${to.toLowerCase()}\n${subject}`;

/** Reads the SES emulator's store once (from `since`) and counts the copies of each expected email. */
export async function takeMessageCensus(
  sesEndpoint: string,
  expected: readonly ExpectedEmail[],
  since: Date,
): Promise<MessageCensus> {
  const counts = new Map(expected.map((email) => [keyOf(email.to, email.subject), 0]));
  for (const email of await sesMessages(sesEndpoint, { since })) {
    for (const recipient of recipientsOf(email)) {
      const key = keyOf(recipient, email.subject);
      const count = counts.get(key);
      if (count !== undefined) {
        counts.set(key, count + 1);
      }
    }
  }
  const values = [...counts.values()];
  return {
    total: values.reduce((sum, count) => sum + count, 0),
    distinct: values.filter((count) => count > 0).length,
    duplicates: values.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    missing: values.filter((count) => count === 0).length,
  };
}
