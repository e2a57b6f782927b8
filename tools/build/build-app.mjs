#!/usr/bin/env node
// Compiles one service and the libraries it imports into dist/apps/<app>/ with SWC.
// `@notify/*` imports are rewritten to relative paths, so the output runs with plain `node`.
import { transformFile } from '@swc/core';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRuntimePackage } from './runtime-dependencies.mjs';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ASSET_EXTENSIONS = new Set(['.hbs', '.json', '.html', '.txt']);

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    }),
  );
  return nested.flat();
}

function isCompiledSource(file) {
  return file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts');
}

async function swcOptions() {
  const tsconfig = JSON.parse(await readFile(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
  const swcrc = JSON.parse(await readFile(path.join(workspaceRoot, '.swcrc'), 'utf8'));
  delete swcrc.$schema;
  return {
    ...swcrc,
    swcrc: false,
    jsc: { ...swcrc.jsc, baseUrl: workspaceRoot, paths: tsconfig.compilerOptions.paths },
  };
}

async function compile(file, outDir, options) {
  const relative = path.relative(workspaceRoot, file);
  const target = path.join(outDir, relative.replace(/\.ts$/, '.js'));
  const output = await transformFile(file, { ...options, filename: file, sourceFileName: relative });
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, `${output.code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
  if (output.map) {
    await writeFile(`${target}.map`, output.map);
  }
}

// Test libraries and an app's own test builders never ship.
async function isTestLibrary(lib) {
  const project = await readFile(path.join(workspaceRoot, 'libs', lib, 'project.json'), 'utf8').catch(() => '{}');
  return (JSON.parse(project).tags ?? []).includes('type:testing');
}

async function build(app) {
  const appSource = path.join(workspaceRoot, 'apps', app, 'src');
  const outDir = path.join(workspaceRoot, 'dist', 'apps', app);
  const allLibs = await readdir(path.join(workspaceRoot, 'libs'));
  const testLibs = await Promise.all(allLibs.map(isTestLibrary));
  const libs = allLibs.filter((_, index) => !testLibs[index]);
  const sourceDirs = [appSource, ...libs.map((lib) => path.join(workspaceRoot, 'libs', lib, 'src'))];
  const appTestBuilders = path.join(appSource, 'testing') + path.sep;
  const files = (await Promise.all(sourceDirs.map(listFiles))).flat().filter((file) => !file.startsWith(appTestBuilders));
  if (!files.some((file) => file === path.join(appSource, 'main.ts'))) {
    throw new Error(`apps/${app}/src/main.ts not found`);
  }

  await rm(outDir, { recursive: true, force: true });
  const options = await swcOptions();
  await Promise.all(files.filter(isCompiledSource).map((file) => compile(file, outDir, options)));
  const assets = files.filter((file) => ASSET_EXTENSIONS.has(path.extname(file)));
  await Promise.all(
    assets.map((file) => cp(file, path.join(outDir, path.relative(workspaceRoot, file)), { recursive: false })),
  );
  await writeFile(
    path.join(outDir, 'main.js'),
    `require('./apps/${app}/src/main.js');\n`,
  );
  const { dependencies } = writeRuntimePackage(app);
  console.log(
    `built ${app}: ${files.filter(isCompiledSource).length} modules, ${assets.length} assets, ` +
      `${Object.keys(dependencies).length} runtime packages -> dist/apps/${app}`,
  );
}

const app = process.argv[2];
if (!app) {
  console.error('usage: build-app.mjs <app>');
  process.exit(2);
}
build(app).catch((error) => {
  console.error(`build of ${app} failed: ${error.message}`);
  process.exit(1);
});
