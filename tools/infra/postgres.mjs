import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { InfraError } from './errors.mjs';
import { isPortOpen } from './probes.mjs';

const NOT_MANAGED = 'not managed by infra';

function dockerEngineAnswers() {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    timeout: 5_000,
    stdio: 'ignore',
  });
  return result.status === 0;
}

function installedClusterVersion() {
  try {
    return readdirSync('/etc/postgresql')[0] ?? null;
  } catch {
    return null;
  }
}

function startInstructions() {
  if (dockerEngineAnswers()) return 'start it with: docker compose up -d postgres';
  const version = installedClusterVersion() ?? '$(ls /etc/postgresql)';
  return `start it with: pg_ctlcluster --skip-systemctl-redirect ${version} main start`;
}

/** PostgreSQL is provided by the machine (or Docker); infra only checks that it answers. */
export function postgres(config) {
  const address = `${config.host}:${config.port}`;
  const summary = (state, note) => ({ name: 'postgres', state, address, note });

  async function status() {
    const state = (await isPortOpen(config.host, config.port)) ? 'running' : 'stopped';
    return summary(state, NOT_MANAGED);
  }

  async function up() {
    if (await isPortOpen(config.host, config.port)) return summary('running', NOT_MANAGED);
    throw new InfraError(`nothing answers on ${address}; ${startInstructions()}`);
  }

  async function down() {
    return { ...(await status()), note: `${NOT_MANAGED}, left alone` };
  }

  return { name: 'postgres', status, up, down };
}
