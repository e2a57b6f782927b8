import { Global, Module } from '@nestjs/common';
import { ConsoleConfig } from '../config/console.config';
import { JwtSigner } from './jwt-signer';
import { ServiceToken } from './service-token';
import { UpstreamClient } from './upstream.client';

@Global()
@Module({
  providers: [
    {
      // User tokens of the development sign-in; service tokens have a signer of their own (ServiceToken).
      provide: JwtSigner,
      inject: [ConsoleConfig],
      useFactory: (config: ConsoleConfig) =>
        new JwtSigner(config.AUTH_JWT_SECRET!, config.AUTH_JWT_ISSUER, config.AUTH_JWT_AUDIENCE),
    },
    ServiceToken,
    UpstreamClient,
  ],
  exports: [JwtSigner, UpstreamClient],
})
export class UpstreamModule {}
