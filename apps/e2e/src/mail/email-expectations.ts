import type { SesEmail } from '@notify/testing';
import { header, textOf } from './mailbox';

/** Decisions, acknowledgements and moderator alerts: traceable, and no way to opt out of them. */
export function expectTransactional(email: SesEmail): void {
  expect(header(email, 'X-Notification-Id')).toMatch(/\S/);
  expect(header(email, 'List-Unsubscribe')).toBeUndefined();
  expect(header(email, 'List-Unsubscribe-Post')).toBeUndefined();
}

/** Mail a user may switch off carries the RFC 8058 one-click headers. */
export function expectOneClickUnsubscribe(email: SesEmail): void {
  expect(header(email, 'X-Notification-Id')).toMatch(/\S/);
  expect(header(email, 'List-Unsubscribe')).toMatch(/<https?:\/\/[^>]+>/);
  expect(header(email, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
}

/** The http(s) target of the List-Unsubscribe header. */
export function unsubscribeUrlOf(email: SesEmail): string {
  const match = /<(https?:\/\/[^>]+)>/.exec(header(email, 'List-Unsubscribe') ?? '');
  if (!match) {
    throw new Error(`Email ${JSON.stringify(email.subject)} has no http(s) List-Unsubscribe target`);
  }
  return match[1];
}

/** Every email shows where to ask "why did I get this?". */
export function expectSupportAddress(email: SesEmail, supportEmail: string): void {
  expect(textOf(email)).toContain(supportEmail);
}
