import { connect } from 'node:net';

export interface HostPort {
  host: string;
  port: number;
}

/** True when something accepts a TCP connection at the address within the timeout. */
export function answers({ host, port }: HostPort, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export function parseHostPort(address: string): HostPort {
  const separator = address.lastIndexOf(':');
  const port = Number(address.slice(separator + 1));
  if (separator <= 0 || !Number.isInteger(port)) {
    throw new Error(`Expected host:port, got "${address}"`);
  }
  return { host: address.slice(0, separator).replace(/^\[|\]$/g, ''), port };
}

export function endpointOf(url: string): HostPort {
  const parsed = new URL(url);
  const defaultPort = parsed.protocol === 'https:' ? 443 : 80;
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : defaultPort,
  };
}
