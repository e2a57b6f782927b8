import type { Request } from 'express';
import type { ConsoleUser } from './console-roles';

/** What a signed-in request carries for controllers and views. */
export interface ConsoleSession {
  user: ConsoleUser;
  csrfToken: string;
}

export interface ConsoleRequest extends Request {
  consoleSession?: ConsoleSession;
}

/** Sent when no valid session exists; the filter answers with a redirect to the sign-in page. */
export class SignInRequiredError extends Error {
  constructor(readonly returnTo: string) {
    super('Sign-in required');
    this.name = 'SignInRequiredError';
  }
}
