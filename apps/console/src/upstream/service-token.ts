import { Injectable } from '@nestjs/common';
import { SERVICE_ROLE } from '@notify/security';
import { ConsoleConfig } from '../config/console.config';
import { JwtSigner } from './jwt-signer';

/**
 * The signer of the console's own service tokens: the platform-service issuer and secret where the deployment has
 * them (AUTH_SERVICE_JWT_*), otherwise the shared user secret with the `service` role, as the contract allows.
 */
export function serviceTokenSigner(config: ConsoleConfig): JwtSigner {
  const { serviceTokens } = config.auth;
  return serviceTokens
    ? new JwtSigner(serviceTokens.secrets[0], serviceTokens.issuer, config.AUTH_JWT_AUDIENCE)
    : new JwtSigner(config.AUTH_JWT_SECRET!, config.AUTH_JWT_ISSUER, config.AUTH_JWT_AUDIENCE);
}

export const CONSOLE_SERVICE_SUBJECT = 'console';

/** The console's own service token for the other services' REST APIs, renewed well before it expires. */
@Injectable()
export class ServiceToken {
  private cached?: { token: string; renewAt: number };
  private readonly signer: JwtSigner;

  constructor(private readonly config: ConsoleConfig) {
    this.signer = serviceTokenSigner(config);
  }

  async current(now = Date.now()): Promise<string> {
    if (!this.cached || now >= this.cached.renewAt) {
      const ttlMs = this.config.CONSOLE_SERVICE_TOKEN_TTL;
      const token = await this.signer.sign({ sub: CONSOLE_SERVICE_SUBJECT, roles: [SERVICE_ROLE], ttlMs });
      this.cached = { token, renewAt: now + ttlMs / 2 };
    }
    return this.cached.token;
  }
}
