import { Injectable } from '@nestjs/common';
import { SERVICE_ROLE } from '@notify/security';
import { ConsoleConfig } from '../config/console.config';
import { JwtSigner } from './jwt-signer';

export const CONSOLE_SERVICE_SUBJECT = 'console';

/** The console's own service token for the other services' REST APIs, renewed well before it expires. */
@Injectable()
export class ServiceToken {
  private cached?: { token: string; renewAt: number };

  constructor(
    private readonly signer: JwtSigner,
    private readonly config: ConsoleConfig,
  ) {}

  async current(now = Date.now()): Promise<string> {
    if (!this.cached || now >= this.cached.renewAt) {
      const ttlMs = this.config.CONSOLE_SERVICE_TOKEN_TTL;
      const token = await this.signer.sign({ sub: CONSOLE_SERVICE_SUBJECT, roles: [SERVICE_ROLE], ttlMs });
      this.cached = { token, renewAt: now + ttlMs / 2 };
    }
    return this.cached.token;
  }
}
