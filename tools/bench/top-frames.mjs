#!/usr/bin/env node
// `node tools/bench/top-frames.mjs <file.cpuprofile> [count] [--skip=<s>]`: the functions with the most self time in
// a V8 CPU profile (as `npm run bench -- --cpu-prof` writes them), and the share of the packages they come from.
// `--skip=<s>` leaves out the first seconds of the profile, i.e. the process's start-up.
import { readFileSync } from 'node:fs';

const skipArgument = process.argv.find((argument) => argument.startsWith('--skip='));
const skipMicros = skipArgument ? Number(skipArgument.slice('--skip='.length)) * 1e6 : 0;
const [file, countArgument = '25'] = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
if (!file) {
  console.error('usage: node tools/bench/top-frames.mjs <file.cpuprofile> [count]');
  process.exit(2);
}
/** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[],
 *   samples: number[], timeDeltas: number[] }} */
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
/** @type {Map<number, number>} */
const selfMicros = new Map();
let elapsedMicros = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  elapsedMicros += delta;
  if (elapsedMicros >= skipMicros) {
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  }
});

/** Where a frame's code lives: a package under node_modules, the services' own code, or node itself. */
function origin(url) {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  if (url.includes('/dist/apps/')) return 'services (dist/apps)';
  return url ? 'node' : '(vm)';
}

const byFrame = new Map();
const byOrigin = new Map();
let total = 0;
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = /** @type {any} */ (nodes.get(id)).callFrame;
  const name = functionName || '(anonymous)';
  if (name === '(idle)' || name === '(program)') continue;
  total += micros;
  const where = url
    ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${lineNumber + 1}`
    : '';
  const key = `${name} ${where}`.trim();
  byFrame.set(key, (byFrame.get(key) ?? 0) + micros);
  byOrigin.set(origin(url), (byOrigin.get(origin(url)) ?? 0) + micros);
}

const percent = (micros) => `${((100 * micros) / total).toFixed(1)}%`;
console.log(`busy CPU in the profile: ${(total / 1e6).toFixed(2)} s (idle and (program) left out)\n`);
console.log('| self | function |\n| ---: | --- |');
for (const [key, micros] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, Number(countArgument))) {
  console.log(`| ${percent(micros)} | \`${key}\` |`);
}
console.log('\n| self | where |\n| ---: | --- |');
for (const [key, micros] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`| ${percent(micros)} | ${key} |`);
}
