import { Injectable, Logger } from '@nestjs/common';
import { JwtVerifier } from '@notify/security';
import { decodeJwt } from 'jose';
import { ConsoleConfig } from '../config/console.config';
import { JwtSigner } from '../upstream/jwt-signer';
import { consoleUserOf, OPERATOR_ROLE, SUPPORT_ROLE, type ConsoleUser } from './console-roles';
import { sessionCookie, sessionMaxAgeSeconds } from './session-cookie';

export type SignInResult = { ok: true; user: ConsoleUser; cookie: string } | { ok: false; problem: string };

export const DEV_ROLES = [SUPPORT_ROLE, OPERATOR_ROLE] as const;

/** Turns a platform JWT (from the OIDC flow, or minted by the development sign-in) into a session cookie. */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('SignIn');

  constructor(
    private readonly verifier: JwtVerifier,
    private readonly signer: JwtSigner,
    private readonly config: ConsoleConfig,
  ) {}

  async withToken(token: string, now = new Date()): Promise<SignInResult> {
    const principal = await this.verifier.verify(token).catch(() => undefined);
    if (!principal) {
      return { ok: false, problem: 'The token is invalid or has expired.' };
    }
    const user = consoleUserOf(principal);
    if (!user) {
      return { ok: false, problem: 'The token carries neither the support nor the operator role.' };
    }
    const { exp } = decodeJwt(token);
    const maxAge = sessionMaxAgeSeconds(
      exp === undefined ? undefined : new Date(exp * 1000),
      this.config.CONSOLE_SESSION_MAX_AGE,
      now,
    );
    this.logger.log(JSON.stringify({ msg: 'console sign-in', actor: user.userId, roles: user.roles }));
    return { ok: true, user, cookie: sessionCookie(token, maxAge) };
  }

  /** Development only (CONSOLE_DEV_SIGN_IN): a token for any user id with one console role. */
  async development(userId: string, role: string): Promise<SignInResult> {
    if (!this.config.CONSOLE_DEV_SIGN_IN) {
      return { ok: false, problem: 'Development sign-in is off.' };
    }
    const token = await this.signer.sign({
      sub: userId,
      roles: [role],
      ttlMs: this.config.CONSOLE_SESSION_MAX_AGE,
    });
    return this.withToken(token);
  }
}

/** Only a path of this console: never an absolute or protocol-relative URL (no open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/users';
}
