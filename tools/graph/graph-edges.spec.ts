import { missingEdges, workspaceSpecifiers, type SourceImport } from './graph-edges';

describe('workspaceSpecifiers', () => {
  it.each([
    ["import { loadConfig } from '@notify/config';", ['@notify/config']],
    ['import type { Principal } from "@notify/security";', ['@notify/security']],
    ["import {\n  a,\n  b,\n} from '@notify/messaging';", ['@notify/messaging']],
    ["export { x } from '@notify/contracts';", ['@notify/contracts']],
    ["const m = await import('@notify/testing');", ['@notify/testing']],
    ["const m = require('@notify/persistence');", ['@notify/persistence']],
    ["import '@notify/observability';", ['@notify/observability']],
    ["import { a } from '@notify/config';\nimport { b } from '@notify/config';", ['@notify/config']],
    ["import { Injectable } from '@nestjs/common';\n// mentions '@notify/config' in a comment", []],
    ["const text = \"import { a } from '@notify/config';\";", []],
  ])('%j imports %j', (source, expected) => {
    expect(workspaceSpecifiers(source)).toEqual(expected);
  });
});

describe('missingEdges', () => {
  const aliases: Record<string, string> = { '@notify/config': 'config', '@notify/messaging': 'messaging' };
  const libraryOf = (specifier: string): string | undefined => aliases[specifier];
  const imported = (project: string, specifier: string): SourceImport => ({
    project,
    file: `${project}/src/main.ts`,
    specifier,
  });

  it('accepts imports the graph records and a project importing itself', () => {
    const graph = { dispatcher: ['config', 'messaging'], messaging: [] };
    expect(
      missingEdges(
        [imported('dispatcher', '@notify/config'), imported('messaging', '@notify/messaging')],
        graph,
        libraryOf,
      ),
    ).toEqual([]);
  });

  it('reports an import whose edge the graph lacks, and an alias nobody declares', () => {
    const graph = { dispatcher: ['config'] };
    expect(
      missingEdges(
        [imported('dispatcher', '@notify/messaging'), imported('dispatcher', '@notify/nowhere')],
        graph,
        libraryOf,
      ),
    ).toEqual([
      { ...imported('dispatcher', '@notify/messaging'), library: 'messaging' },
      { ...imported('dispatcher', '@notify/nowhere'), library: 'unknown alias @notify/nowhere' },
    ]);
  });

  it('reports every import of a project the graph has no entry for', () => {
    expect(missingEdges([imported('console', '@notify/config')], {}, libraryOf)).toEqual([
      { ...imported('console', '@notify/config'), library: 'config' },
    ]);
  });
});
