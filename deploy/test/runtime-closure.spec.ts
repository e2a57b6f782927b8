import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEPLOYED } from './support/service-sources';

const ROOT = path.resolve(__dirname, '../..');
const rootPackage = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Closure {
  modules: string[];
  packages: string[];
  manifest: { dependencies: Record<string, string> };
}

function build(service: string): Closure {
  execFileSync(process.execPath, ['tools/build/build-app.mjs', service], { cwd: ROOT, stdio: 'pipe' });
  const output = execFileSync(process.execPath, ['tools/build/runtime-dependencies.mjs', service], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(output) as Closure;
}

describe.each(DEPLOYED)('the %s image', (service) => {
  const closure = build(service);

  it('loads only production dependencies, each at the workspace version', () => {
    const dependencies = closure.manifest.dependencies;

    expect(Object.keys(dependencies).sort()).toEqual(closure.packages);
    expect(closure.packages.filter((name) => rootPackage.devDependencies[name])).toEqual([]);
    for (const name of closure.packages) {
      expect(dependencies[name]).toBe(rootPackage.dependencies[name]);
    }
  });

  it('ships neither the test library nor the test builders', () => {
    expect(
      closure.modules.filter((module) => /^(libs\/testing|apps\/[a-z]+\/src\/testing)\//.test(module)),
    ).toEqual([]);
    expect(existsSync(path.join(ROOT, 'dist/apps', service, 'libs/testing'))).toBe(false);
    expect(existsSync(path.join(ROOT, 'dist/apps', service, 'apps', service, 'src/testing'))).toBe(false);
  });
});

// The largest closure, installed the way the image installs it: with production dependencies only.
describe('the dispatcher with its pruned production dependencies', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'notify-runtime-'));
    cpSync(path.join(ROOT, 'dist/apps/dispatcher'), dir, { recursive: true });
    cpSync(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
    // The lock pins the versions; --prefer-offline serves them from the npm cache the workspace install filled.
    execFileSync(
      'npm',
      ['install', '--omit=dev', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'],
      {
        cwd: dir,
        stdio: 'pipe',
      },
    );
  }, 180_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no module tree above it to borrow from', () => {
    const above = path
      .dirname(dir)
      .split(path.sep)
      .map((_, i, parts) => path.join('/', ...parts.slice(0, i + 1)));

    expect(above.filter((folder) => existsSync(path.join(folder, 'node_modules')))).toEqual([]);
  });

  it('resolves every package it loads, with their own dependencies', () => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Closure['manifest'];
    const names = Object.keys(manifest.dependencies);
    const script = `for (const name of ${JSON.stringify(names)}) require(name); console.log('loaded ' + ${names.length});`;

    const result = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });

    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`loaded ${names.length}`);
  });

  it('loads main.js and its whole module graph up to the configuration check', () => {
    const result = spawnSync(process.execPath, ['main.js'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PORT: 'not-a-port' },
      timeout: 30_000,
    });

    expect(result.stderr).not.toContain('Cannot find module');
    expect(result.stderr).toContain('PORT');
    expect(result.status).toBe(1);
  });
});
