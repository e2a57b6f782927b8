import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtVerifier } from '@notify/security';
import { ConsoleConfig } from '../config/console.config';
import { ConsoleErrorsFilter } from './console-errors.filter';
import { SessionGuard } from './session.guard';
import { SignInController } from './sign-in.controller';
import { SignInService } from './sign-in.service';

/** Sign-in and the session every other page needs: cookie, roles, CSRF, and the redirect when it is missing. */
@Module({
  controllers: [SignInController],
  providers: [
    {
      provide: JwtVerifier,
      inject: [ConsoleConfig],
      useFactory: (config: ConsoleConfig) => new JwtVerifier(config.auth),
    },
    SignInService,
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_FILTER, useClass: ConsoleErrorsFilter },
  ],
})
export class SessionModule {}
