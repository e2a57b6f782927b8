import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtVerifier } from '@notify/security';
import { signTestJwt } from '@notify/testing';
import type { ConsoleConfig } from '../config/console.config';
import { SignInRequiredError, type ConsoleRequest } from './console-session';
import { csrfTokenFor } from './csrf';
import { SessionGuard } from './session.guard';
import { OPERATOR_ONLY_KEY } from './session.decorators';

const JWT_SECRET = 'guard-spec-jwt-secret-0123456789abcdef';
const SESSION_SECRET = 'guard-spec-session-secret-0123456789ab';

function guard(): SessionGuard {
  const config = { CONSOLE_SESSION_SECRET: SESSION_SECRET } as ConsoleConfig;
  return new SessionGuard(new Reflector(), new JwtVerifier({ jwtSecret: JWT_SECRET }), config);
}

function contextFor(request: Partial<ConsoleRequest>, operatorOnly: boolean): ExecutionContext {
  const handler = (): void => undefined;
  if (operatorOnly) {
    Reflect.defineMetadata(OPERATOR_ONLY_KEY, true, handler);
  }
  return {
    getHandler: () => handler,
    getClass: () => class Controller {},
    switchToHttp: () => ({ getRequest: () => Object.assign(request, { originalUrl: '/x' }) }),
  } as unknown as ExecutionContext;
}

async function session(roles: string[], expiresIn: number | string = '1h'): Promise<string> {
  return signTestJwt({ sub: 'staff-1', roles, expiresIn }, JWT_SECRET);
}

async function attempt(
  token: string | undefined,
  method: string,
  options: { csrf?: 'valid' | 'wrong'; operatorOnly?: boolean } = {},
): Promise<string> {
  const body = options.csrf
    ? { _csrf: options.csrf === 'valid' && token ? csrfTokenFor(SESSION_SECRET, token) : 'forged' }
    : {};
  const request = { method, headers: token ? { cookie: `console_session=${token}` } : {}, body };
  try {
    await guard().canActivate(contextFor(request, options.operatorOnly ?? false));
    return 'allowed';
  } catch (error) {
    if (error instanceof SignInRequiredError) {
      return 'sign-in';
    }
    if (error instanceof ForbiddenException) {
      return `403 ${error.message}`;
    }
    throw error;
  }
}

describe('SessionGuard', () => {
  it.each([
    ['no session cookie', undefined, 'GET', {}, 'sign-in'],
    ['an expired token', 'expired', 'GET', {}, 'sign-in'],
    ['a forged token', 'forged', 'GET', {}, 'sign-in'],
    ['a member token', 'member', 'GET', {}, '403 The console needs the support or operator role'],
    ['support reading', 'support', 'GET', {}, 'allowed'],
    [
      'support acting with a valid CSRF token',
      'support',
      'POST',
      { csrf: 'valid', operatorOnly: true },
      '403 Only an operator may do this',
    ],
    ['support signing out with a valid CSRF token', 'support', 'POST', { csrf: 'valid' }, 'allowed'],
    [
      'operator acting without a CSRF token',
      'operator',
      'POST',
      { operatorOnly: true },
      '403 The form is stale or was not sent by the console (CSRF token)',
    ],
    [
      'operator acting with a forged CSRF token',
      'operator',
      'POST',
      { csrf: 'wrong', operatorOnly: true },
      '403 The form is stale or was not sent by the console (CSRF token)',
    ],
    [
      'operator acting with a valid CSRF token',
      'operator',
      'POST',
      { csrf: 'valid', operatorOnly: true },
      'allowed',
    ],
  ] as const)('%s: %s', async (_case, who, method, options, expected) => {
    const tokens: Record<string, () => Promise<string>> = {
      expired: () => session(['support'], -120),
      forged: async () => `${await session(['operator'])}x`,
      member: () => session([]),
      support: () => session(['support']),
      operator: () => session(['operator']),
    };
    const token = who ? await tokens[who]() : undefined;
    await expect(attempt(token, method, options)).resolves.toBe(expected);
  });

  it('gives the page the user and the CSRF token of the session', async () => {
    const token = await session(['operator']);
    const request = { method: 'GET', headers: { cookie: `console_session=${token}` } } as ConsoleRequest;
    await guard().canActivate(contextFor(request, false));
    expect(request.consoleSession).toEqual({
      user: { userId: 'staff-1', roles: ['operator'], canAct: true },
      csrfToken: csrfTokenFor(SESSION_SECRET, token),
    });
  });
});
