import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { answers, endpointOf } from './tcp-probe';
import { waitFor } from './wait-for';

/**
 * Runs the SES v2 emulator from node_modules as a child of this test process.
 * Another process may win the port race; either way the endpoint answers afterwards.
 */
export async function startSesEmulator(endpoint: string): Promise<void> {
  const address = endpointOf(endpoint);
  const binary = join(require.resolve('aws-ses-v2-local/package.json'), '..', 'dist', 'cli.js');
  const child = spawn(process.execPath, [binary, '--host', address.host, '--port', String(address.port)], {
    stdio: 'ignore',
  });
  child.unref();
  process.once('exit', () => child.kill());
  await waitFor(() => answers(address, 500), {
    timeoutMs: 15_000,
    description: `the SES emulator at ${endpoint}`,
  });
}
