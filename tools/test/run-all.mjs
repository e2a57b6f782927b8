#!/usr/bin/env node
// The whole test command: infrastructure up (idempotent), type check, lint, the project graph check, then every
// project's jest suite through Nx, one project at a time. Ends with one summary line over all projects.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = path.join(workspaceRoot, 'tmp', 'test-results');

function step(description, command, args) {
  const started = Date.now();
  console.log(`\n==> ${description}`);
  const result = spawnSync(command, args, { cwd: workspaceRoot, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`<== ${description}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds}s`);
  return result.status === 0;
}

function summarise() {
  const totals = { passed: 0, failed: 0, skipped: 0, suitesFailed: 0 };
  const files = existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith('.json')) : [];
  for (const file of files) {
    const report = JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    totals.suitesFailed += report.numFailedTestSuites;
    console.log(
      `  ${file.replace(/\.json$/, '').padEnd(14)} ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
        ` (${report.numTotalTestSuites} suites, ${report.numFailedTestSuites} failed)`,
    );
  }
  return { ...totals, projects: files.length };
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const infraUp = step('infrastructure up', process.execPath, ['tools/infra/infra.mjs', 'up']);
if (!infraUp) {
  process.exit(1);
}
const typecheckOk = step('type check', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
const lintOk = step('lint', npx, ['nx', 'run-many', '-t', 'lint', '--parallel=2', '--outputStyle=stream']);
const graphOk = step('project graph', process.execPath, [
  '--require', './libs/testing/src/register-typescript.js', 'tools/graph/check-graph.ts',
]);
const testsOk = step('tests', npx, [
  'nx', 'run-many', '-t', 'test', '--parallel=1', '--outputStyle=stream', '--skipNxCache',
]);

console.log('\nTest results by project:');
const totals = summarise();
const ok = typecheckOk && lintOk && graphOk && testsOk && totals.failed === 0 && totals.suitesFailed === 0;
console.log(
  `type check: ${typecheckOk ? 'ok' : 'FAILED'}, lint: ${lintOk ? 'ok' : 'FAILED'}, ` +
    `project graph: ${graphOk ? 'ok' : 'FAILED'}`,
);
if (!testsOk && totals.failed === 0 && totals.suitesFailed === 0) {
  console.log('a test target failed without reporting results: see the Nx output above');
}
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
