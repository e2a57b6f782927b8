import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { Agent, get } from 'node:https';
import { DispatcherConfig } from '../config/dispatcher.config';
import { SnsRefusal } from './sns-message';

const TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_CACHED = 32;

/**
 * The only outbound calls of the SES event endpoint: signing certificates (cached) and subscription confirmations,
 * both over https and only to the allow-listed hosts.
 */
@Injectable()
export class SnsHttpsClient {
  private readonly logger = new Logger(SnsHttpsClient.name);
  private readonly hostPatterns: RegExp[];
  private readonly agent: Agent;
  private readonly certificates = new Map<string, Promise<string>>();

  constructor(config: DispatcherConfig) {
    this.hostPatterns = config.SNS_CERTIFICATE_HOSTS.map(hostPattern);
    const ca = config.SNS_CA_FILE === undefined ? undefined : readFileSync(config.SNS_CA_FILE, 'utf8');
    this.agent = new Agent({ keepAlive: true, maxSockets: 4, ca });
  }

  /** The PEM certificate at `url`; a failed fetch is not cached. */
  certificate(url: string): Promise<string> {
    const target = this.allowed(url);
    const cached = this.certificates.get(target.href);
    if (cached) {
      return cached;
    }
    if (this.certificates.size >= MAX_CACHED) {
      this.certificates.delete(this.certificates.keys().next().value as string);
    }
    const fetched = this.fetchText(target);
    this.certificates.set(target.href, fetched);
    fetched.catch(() => this.certificates.delete(target.href));
    return fetched;
  }

  /** Visits the SubscribeURL of a subscription confirmation. */
  async confirmSubscription(url: string): Promise<void> {
    await this.fetchText(this.allowed(url));
    this.logger.log(`SNS subscription confirmed through ${new URL(url).host}`);
  }

  private allowed(url: string): URL {
    const target = URL.canParse(url) ? new URL(url) : undefined;
    if (target?.protocol !== 'https:' || !this.hostPatterns.some((pattern) => pattern.test(target.host))) {
      throw new SnsRefusal('host-not-allowed');
    }
    return target;
  }

  private fetchText(url: URL): Promise<string> {
    return new Promise((resolve, reject) => {
      const request = get(url, { agent: this.agent, timeout: TIMEOUT_MS }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`${url.host} answered ${response.statusCode}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            request.destroy(new Error(`${url.host} sent more than ${MAX_BODY_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error(`${url.host} did not answer in time`)));
      request.on('error', reject);
    });
  }
}

/** `sns.*.amazonaws.com` → one DNS label in place of `*`, whole host (and port) matched. */
export function hostPattern(pattern: string): RegExp {
  const escaped = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[a-z0-9-]+');
  return new RegExp(`^${escaped}$`);
}
