import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, JwtVerifier } from '@notify/security';
import { ConsoleConfig } from '../config/console.config';
import { consoleUserOf } from './console-roles';
import { SignInRequiredError, type ConsoleRequest } from './console-session';
import { csrfTokenFor, isValidCsrfToken } from './csrf';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { OPERATOR_ONLY_KEY } from './session.decorators';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every console route but sign-in: a valid session cookie (else a redirect to sign-in), a console role,
 * the CSRF token on every form post, and the operator role on actions.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    private readonly config: ConsoleConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const returnTo = READ_METHODS.has(request.method) ? request.originalUrl : '/';
    if (!token) {
      throw new SignInRequiredError(returnTo);
    }
    const principal = await this.verifier.verify(token).catch(() => undefined);
    if (!principal) {
      throw new SignInRequiredError(returnTo);
    }
    const user = consoleUserOf(principal);
    if (!user) {
      throw new ForbiddenException('The console needs the support or operator role');
    }
    const secret = this.config.CONSOLE_SESSION_SECRET;
    if (!READ_METHODS.has(request.method)) {
      const presented: unknown = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
      if (!isValidCsrfToken(secret, token, presented)) {
        throw new ForbiddenException('The form is stale or was not sent by the console (CSRF token)');
      }
    }
    if (this.reflector.getAllAndOverride<boolean>(OPERATOR_ONLY_KEY, targets) && !user.canAct) {
      throw new ForbiddenException('Only an operator may do this');
    }
    request.consoleSession = { user, csrfToken: csrfTokenFor(secret, token) };
    return true;
  }
}
