import { Injectable } from '@nestjs/common';
import { ConsoleConfig, type UpstreamService } from '../config/console.config';
import { ServiceToken } from './service-token';

const TIMEOUT_MS = 10_000;

/** A service answered with an error status; `status` 404 is often an ordinary "not found". */
export class UpstreamError extends Error {
  constructor(
    readonly service: UpstreamService,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${service} answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'UpstreamError';
  }
}

export interface UpstreamCall {
  method?: 'GET' | 'POST' | 'DELETE';
  path: string;
  json?: unknown;
}

/** The other services' public REST APIs, called with the console's service token; never their databases. */
@Injectable()
export class UpstreamClient {
  constructor(
    private readonly config: ConsoleConfig,
    private readonly token: ServiceToken,
  ) {}

  async call<T>(service: UpstreamService, { method = 'GET', path, json }: UpstreamCall): Promise<T> {
    const response = await fetch(new URL(path, this.config.upstreams[service]), {
      method,
      headers: {
        authorization: `Bearer ${await this.token.current()}`,
        accept: 'application/json',
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new UpstreamError(service, response.status, text);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** The body, or undefined when the service answers 404. */
  async find<T>(service: UpstreamService, path: string): Promise<T | undefined> {
    try {
      return await this.call<T>(service, { path });
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /** Plain text from a public endpoint such as `/metrics`. */
  async text(service: UpstreamService, path: string): Promise<string> {
    const response = await fetch(new URL(path, this.config.upstreams[service]), {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new UpstreamError(service, response.status, await response.text());
    }
    return response.text();
  }
}
