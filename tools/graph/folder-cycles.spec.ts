import { folderCycles, folderImports, folderOf, type FolderImport } from './folder-cycles';

describe('folderOf', () => {
  it.each([
    ['deliveries/delivery.entity.ts', 'deliveries/'],
    ['templates/preview/dto/preview-page.dto.ts', 'templates/'],
    ['app.module.ts', 'app.module'],
    ['../test/support/harness.ts', undefined],
  ])('%s belongs to %j', (file, folder) => {
    expect(folderOf(file)).toEqual(folder);
  });
});

describe('folderImports', () => {
  it.each([
    ["import { A } from '../email/a';", [{ from: 'deliveries/', to: 'email/', file: 'deliveries/x.ts' }]],
    [
      "export type { A } from '../email/a';",
      [{ from: 'deliveries/', to: 'email/', file: 'deliveries/x.ts' }],
    ],
    ["import { A } from '../entities';", [{ from: 'deliveries/', to: 'entities', file: 'deliveries/x.ts' }]],
    ["import { A } from './dto/a';", []],
    ["import { A } from '@notify/config';", []],
    ["import { A } from '../../test/support';", []],
    ["// import { A } from '../email/a';", []],
  ])('%j gives %j', (source, expected) => {
    expect(folderImports('deliveries/x.ts', source)).toEqual(expected);
  });

  it('reads a nested file relative to its own directory', () => {
    expect(folderImports('templates/preview/a.ts', "import { B } from '../../policy/b';")).toEqual([
      { from: 'templates/', to: 'policy/', file: 'templates/preview/a.ts' },
    ]);
  });
});

describe('folderCycles', () => {
  const edge = (from: string, to: string): FolderImport => ({ from, to, file: `${from}x.ts` });

  it.each<[string, FolderImport[], string[][]]>([
    ['a chain', [edge('a/', 'b/'), edge('b/', 'c/')], []],
    ['a diamond', [edge('a/', 'b/'), edge('a/', 'c/'), edge('b/', 'd/'), edge('c/', 'd/')], []],
    ['two folders importing each other', [edge('a/', 'b/'), edge('b/', 'a/')], [['a/', 'b/']]],
    [
      'a loop of three',
      [edge('a/', 'b/'), edge('b/', 'c/'), edge('c/', 'a/'), edge('c/', 'd/')],
      [['a/', 'b/', 'c/']],
    ],
    [
      'two separate loops',
      [edge('a/', 'b/'), edge('b/', 'a/'), edge('c/', 'd/'), edge('d/', 'c/'), edge('b/', 'c/')],
      [
        ['c/', 'd/'],
        ['a/', 'b/'],
      ],
    ],
  ])('%s', (_name, imports, cycles) => {
    expect(folderCycles(imports).map((cycle) => cycle.folders)).toEqual(cycles);
  });

  it('names the imports that close a loop, not the ones leading out of it', () => {
    const imports = [edge('a/', 'b/'), edge('b/', 'a/'), edge('b/', 'c/')];

    expect(folderCycles(imports)).toEqual([
      { folders: ['a/', 'b/'], imports: [edge('a/', 'b/'), edge('b/', 'a/')] },
    ]);
  });
});
