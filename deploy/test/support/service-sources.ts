import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Topics } from '@notify/contracts';

const ROOT = path.resolve(__dirname, '../../..');

/** The services that consume Kafka topics (scaled on their lag). */
export const SERVICES = ['communities', 'moderation', 'preferences', 'dispatcher'] as const;
export type Service = (typeof SERVICES)[number];

/** Everything deployed: the services and the support console, which consumes no topic. */
export const DEPLOYED = [...SERVICES, 'console'] as const;
export type Deployed = (typeof DEPLOYED)[number];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(full);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Topics the service's `@EventConsumer` handlers read, from its source. */
export function consumedTopics(service: Service): string[] {
  const topics = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'apps', service, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/@EventConsumer\(\{\s*topic:\s*Topics\.(\w+)/g)) {
      topics.add(Topics[match[1] as keyof typeof Topics]);
    }
  }
  return [...topics].sort();
}

/** Variables the service's config class (and the base classes) declares. */
export function configVariables(service: Deployed): Set<string> {
  const files = [
    path.join(ROOT, 'libs/config/src/kafka-client.config.ts'),
    path.join(ROOT, 'libs/config/src/base-service.config.ts'),
    ...sourceFiles(path.join(ROOT, 'apps', service, 'src/config')),
  ];
  const names = files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s+(?:override\s+)?([A-Z][A-Z0-9_]+)[!?]?:/gm)].map(
      (m) => m[1],
    ),
  );
  return new Set(names);
}
