/** Compares the workspace imports written in source files with the dependencies Nx's project graph records. */
import ts from 'typescript';

/** One `@notify/*` import found in a project's source. */
export interface SourceImport {
  project: string;
  file: string;
  specifier: string;
}

/** An import whose project → library edge the graph lacks. */
export interface MissingEdge extends SourceImport {
  library: string;
}

const WORKSPACE_SCOPE = '@notify/';

/**
 * The `@notify/*` specifiers a source text imports, each once, in order of appearance. TypeScript's own scanner
 * reads the imports, re-exports, `require` and `import()` calls, so text in strings and comments does not count.
 */
export function workspaceSpecifiers(source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return [
    ...new Set(
      importedFiles.map((file) => file.fileName).filter((name) => name.startsWith(WORKSPACE_SCOPE)),
    ),
  ];
}

/**
 * The imports the graph does not explain. `libraryOf` maps a specifier to its project (from the TypeScript path
 * aliases); an unknown specifier is reported too, since nothing would build it.
 */
export function missingEdges(
  imports: readonly SourceImport[],
  graphDependencies: Readonly<Record<string, readonly string[]>>,
  libraryOf: (specifier: string) => string | undefined,
): MissingEdge[] {
  return imports.flatMap((found) => {
    const library = libraryOf(found.specifier) ?? `unknown alias ${found.specifier}`;
    if (library === found.project || (graphDependencies[found.project] ?? []).includes(library)) {
      return [];
    }
    return [{ ...found, library }];
  });
}
