import type { INestApplication, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { configureApp } from '@notify/bootstrap';
import { JwtVerifier } from '@notify/security';
import { signTestJwt } from '@notify/testing';
import { ConsoleConfig } from '../../src/config/console.config';
import { ConsoleErrorsFilter } from '../../src/session/console-errors.filter';
import { SESSION_COOKIE } from '../../src/session/session-cookie';
import { SessionGuard } from '../../src/session/session.guard';
import { ViewRenderer } from '../../src/views/view-renderer';

const JWT_SECRET = 'console-page-spec-jwt-secret-0123456789';
const SESSION_SECRET = 'console-page-spec-session-secret-0123456789';

/** Console controllers behind the real session guard, error pages and views; the services are the caller's fakes. */
export async function startConsolePages(
  controllers: Type[],
  providers: Provider[],
  config: Partial<ConsoleConfig> = {},
): Promise<INestApplication> {
  const consoleConfig = Object.assign(new ConsoleConfig(), {
    CONSOLE_SESSION_SECRET: SESSION_SECRET,
    CONSOLE_PAGE_SIZE: 50,
    ...config,
  });
  const moduleRef = await Test.createTestingModule({
    controllers,
    providers: [
      ...providers,
      ViewRenderer,
      { provide: ConsoleConfig, useValue: consoleConfig },
      { provide: JwtVerifier, useValue: new JwtVerifier({ jwtSecret: JWT_SECRET }) },
      { provide: APP_GUARD, useClass: SessionGuard },
      { provide: APP_FILTER, useClass: ConsoleErrorsFilter },
    ],
  }).compile();
  const app = configureApp(moduleRef.createNestApplication(), { service: 'console', description: 'test' });
  await app.init();
  return app;
}

/** A `Cookie` header for a staff member with these roles. */
export async function sessionCookieFor(roles: string[], userId = 'staff-1'): Promise<string> {
  return `${SESSION_COOKIE}=${await signTestJwt({ sub: userId, roles }, JWT_SECRET)}`;
}
