import { randomUUID } from 'node:crypto';

/** `community-1a2b3c4d`: distinct per call, so suites sharing a broker and database never collide. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** An address on the reserved example domain, distinct per call, to find a test's emails in the SES store. */
export function uniqueEmail(label = 'user'): string {
  return `${uniqueId(label)}@example.org`;
}
