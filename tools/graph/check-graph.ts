import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { folderCycles, folderImports, type FolderImport } from './folder-cycles';
import { missingEdges, workspaceSpecifiers, type SourceImport } from './graph-edges';

// Fails when a project imports a workspace library that Nx's project graph does not list as its dependency:
// `nx affected`, the build order and the cache would then miss that library's changes. Fails too when two folders
// of a project's `src` import from each other, directly or round a loop.

const WORKSPACE_ROOT = path.resolve(__dirname, '../..');
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'tmp', '.infra']);

interface ProjectGraphFile {
  graph: {
    nodes: Record<string, { data: { root: string } }>;
    dependencies: Record<string, { target: string }[]>;
  };
}

function projectGraph(): ProjectGraphFile['graph'] {
  const directory = mkdtempSync(path.join(tmpdir(), 'nx-graph-'));
  const file = path.join(directory, 'graph.json');
  try {
    const result = spawnSync('npx', ['nx', 'graph', `--file=${file}`], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`nx graph failed:\n${result.stderr || result.stdout}`);
    }
    return (JSON.parse(readFileSync(file, 'utf8')) as ProjectGraphFile).graph;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The project's files, without those of projects nested inside it (`otherRoots`). */
function* sourceFiles(directory: string, otherRoots: ReadonlySet<string>): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const child = path.join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name) && !otherRoots.has(child)) {
      yield* sourceFiles(child, otherRoots);
    } else if (entry.isFile() && /\.(ts|mts|js|mjs)$/.test(entry.name)) {
      yield child;
    }
  }
}

function aliasResolver(roots: Record<string, string>): (specifier: string) => string | undefined {
  const tsconfig = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return (specifier) => {
    const target = tsconfig.compilerOptions.paths[specifier]?.[0];
    return target === undefined
      ? undefined
      : Object.keys(roots).find((project) => target.startsWith(`${roots[project]}/`));
  };
}

/** Source files the service runs: a spec may import its test fixtures from anywhere. */
function* productionFiles(directory: string): Generator<string> {
  for (const file of sourceFiles(directory, new Set())) {
    if (!/\.(e2e-)?spec\.ts$/.test(file)) {
      yield file;
    }
  }
}

/** Reports the folder-level import cycles inside the `src` of every app and library; true when there are none. */
function checkFolderCycles(): boolean {
  let clean = true;
  let projects = 0;
  for (const kind of ['apps', 'libs']) {
    for (const project of readdirSync(path.join(WORKSPACE_ROOT, kind), { withFileTypes: true })) {
      const src = path.join(WORKSPACE_ROOT, kind, project.name, 'src');
      if (!project.isDirectory() || !existsSync(src)) {
        continue;
      }
      projects++;
      const imports: FolderImport[] = [];
      for (const file of productionFiles(src)) {
        imports.push(...folderImports(path.relative(src, file), readFileSync(file, 'utf8')));
      }
      const where = `${kind}/${project.name}/src`;
      for (const cycle of folderCycles(imports)) {
        clean = false;
        console.error(`folder cycle in ${where}: ${cycle.folders.join(' <-> ')}`);
        for (const found of cycle.imports) {
          console.error(`  ${found.from} -> ${found.to}: ${found.file}`);
        }
      }
    }
  }
  if (clean) {
    console.log(`folder imports: no cycles in the src folders of ${projects} projects`);
  }
  return clean;
}

function main(): number {
  const foldersClean = checkFolderCycles();
  const graph = projectGraph();
  const roots = Object.fromEntries(Object.entries(graph.nodes).map(([name, node]) => [name, node.data.root]));
  const imports: SourceImport[] = [];
  const absoluteRoots = new Set(Object.values(roots).map((root) => path.join(WORKSPACE_ROOT, root)));
  for (const [project, root] of Object.entries(roots)) {
    const directory = path.join(WORKSPACE_ROOT, root);
    const otherRoots = new Set([...absoluteRoots].filter((other) => other !== directory));
    for (const file of sourceFiles(directory, otherRoots)) {
      for (const specifier of workspaceSpecifiers(readFileSync(file, 'utf8'))) {
        imports.push({ project, file: path.relative(WORKSPACE_ROOT, file), specifier });
      }
    }
  }
  const dependencies = Object.fromEntries(
    Object.entries(graph.dependencies).map(([project, edges]) => [project, edges.map((edge) => edge.target)]),
  );
  const missing = missingEdges(imports, dependencies, aliasResolver(roots));
  const edgeCount = Object.values(dependencies).reduce((sum, targets) => sum + targets.length, 0);
  if (missing.length === 0) {
    console.log(
      `project graph: ${imports.length} workspace imports in ${Object.keys(roots).length} projects, ` +
        `all among its ${edgeCount} edges`,
    );
    return foldersClean ? 0 : 1;
  }
  console.error(`project graph: ${missing.length} imports Nx does not see as dependencies:`);
  for (const edge of missing) {
    console.error(`  ${edge.project} -> ${edge.library}: ${edge.specifier} in ${edge.file}`);
  }
  console.error('Check pluginsConfig["@nx/js"] in nx.json and the path aliases in tsconfig.base.json.');
  return 1;
}

process.exitCode = main();
