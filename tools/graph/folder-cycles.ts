/** Finds import cycles between the top-level folders of a project's `src`: a folder that imports back from one it imports. */
import path from 'node:path';
import ts from 'typescript';

/** One import from one folder (or top-level file) of a `src` tree to another. */
export interface FolderImport {
  from: string;
  to: string;
  file: string;
}

/** Folders that import one another in a circle, with the imports that close it. */
export interface FolderCycle {
  folders: string[];
  imports: FolderImport[];
}

/**
 * The unit a file under `src` belongs to: its top-level folder, or the file itself when it sits directly in `src`
 * (`app.module.ts` wires every folder and is its own node). `undefined` outside `src`.
 */
export function folderOf(srcRelativePath: string): string | undefined {
  const normalised = srcRelativePath.split(path.sep).join('/');
  if (normalised.startsWith('../') || normalised === '..' || path.isAbsolute(normalised)) {
    return undefined;
  }
  const [first, ...rest] = normalised.split('/');
  return rest.length === 0 ? first.replace(/\.(ts|mts|js|mjs)$/, '') : `${first}/`;
}

/** The folder-to-folder imports of one file: relative specifiers only, read by TypeScript's own scanner. */
export function folderImports(srcRelativeFile: string, source: string): FolderImport[] {
  const from = folderOf(srcRelativeFile);
  if (from === undefined) {
    return [];
  }
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('./') && !fileName.startsWith('../')) {
      return [];
    }
    const to = folderOf(path.posix.join(path.posix.dirname(srcRelativeFile), fileName));
    return to === undefined || to === from ? [] : [{ from, to, file: srcRelativeFile }];
  });
}

/** Every group of folders that reach one another through imports (strongly connected, more than one folder). */
export function folderCycles(imports: readonly FolderImport[]): FolderCycle[] {
  const targets = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    targets.set(from, (targets.get(from) ?? new Set()).add(to));
    targets.set(to, targets.get(to) ?? new Set());
  }
  const components = stronglyConnected(targets).filter((component) => component.length > 1);
  return components.map((component) => {
    const members = new Set(component);
    return {
      folders: [...component].sort(),
      imports: imports.filter(({ from, to }) => members.has(from) && members.has(to)),
    };
  });
}

/** Tarjan's algorithm over the folder graph. */
function stronglyConnected(targets: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of targets.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, index.get(next)!));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of [...targets.keys()].sort()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return components;
}
