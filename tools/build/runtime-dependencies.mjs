#!/usr/bin/env node
// The runtime closure of a built service: every module `dist/apps/<app>/main.js` can load, followed through
// `require()` calls, and the npm packages among them. Writes the service's production package.json (only the
// packages it loads, at the workspace's versions); fails when a loaded package is not a production dependency.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REQUIRE_CALL = /\brequire\((["'])([^"']+)\1\)/g;
// Packages that a loaded package requires by name at run time (NestFactory loads the HTTP platform).
const LOADED_BY = { '@nestjs/core': ['@nestjs/platform-express'] };

function resolveLocal(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js')];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) {
    throw new Error(`${path.relative(workspaceRoot, from)} requires ${specifier}, which the build did not produce`);
  }
  return found;
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBuiltin(specifier) {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
}

export function runtimeClosure(app) {
  const outDir = path.join(workspaceRoot, 'dist', 'apps', app);
  const modules = new Set();
  const packages = new Set();
  const pending = [path.join(outDir, 'main.js')];
  while (pending.length > 0) {
    const file = /** @type {string} */ (pending.pop());
    if (modules.has(file)) {
      continue;
    }
    modules.add(file);
    if (!file.endsWith('.js')) {
      continue;
    }
    for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(REQUIRE_CALL)) {
      if (specifier.startsWith('.')) {
        pending.push(resolveLocal(file, specifier));
      } else if (!isBuiltin(specifier)) {
        packages.add(packageName(specifier));
      }
    }
  }
  for (const [loader, loaded] of Object.entries(LOADED_BY)) {
    if (packages.has(loader)) {
      loaded.forEach((name) => packages.add(name));
    }
  }
  return {
    modules: [...modules].map((file) => path.relative(outDir, file)).sort(),
    packages: [...packages].sort(),
  };
}

export function writeRuntimePackage(app) {
  const root = JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8'));
  const { packages } = runtimeClosure(app);
  const missing = packages.filter((name) => !root.dependencies?.[name]);
  if (missing.length > 0) {
    throw new Error(`${app} loads packages that are not production dependencies: ${missing.join(', ')}`);
  }
  const manifest = {
    name: `@notify/${app}-runtime`,
    version: root.version,
    private: true,
    engines: root.engines,
    dependencies: Object.fromEntries(packages.map((name) => [name, root.dependencies[name]])),
  };
  writeFileSync(path.join(workspaceRoot, 'dist', 'apps', app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const app = process.argv[2];
  if (!app) {
    console.error('usage: runtime-dependencies.mjs <app>');
    process.exit(2);
  }
  try {
    console.log(JSON.stringify({ ...runtimeClosure(app), manifest: writeRuntimePackage(app) }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
