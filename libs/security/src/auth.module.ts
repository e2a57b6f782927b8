import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_OPTIONS, type AuthAsyncOptions, type AuthOptions } from './auth-options';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtVerifier } from './jwt-verifier';

const sharedProviders: Provider[] = [
  {
    provide: JwtVerifier,
    useFactory: (options: AuthOptions) => new JwtVerifier(options),
    inject: [AUTH_OPTIONS],
  },
  { provide: APP_GUARD, useClass: JwtAuthGuard },
];

/** Registers bearer-token authentication for every HTTP route of the application. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: AUTH_OPTIONS, useValue: options }, ...sharedProviders],
      exports: [JwtVerifier],
    };
  }

  static forRootAsync(options: AuthAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: AUTH_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        ...sharedProviders,
      ],
      exports: [JwtVerifier],
    };
  }
}
