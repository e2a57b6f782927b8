#!/usr/bin/env node
// Builds every service into dist/apps/ (used by the whole-system tests and `npm start`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const app of ['communities', 'moderation', 'preferences', 'dispatcher', 'console']) {
  const result = spawnSync(process.execPath, [path.join(here, 'build-app.mjs'), app], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}
