const fs = require('node:fs');
const path = require('node:path');

/** Maps each `compilerOptions.paths` alias of a tsconfig to an absolute jest moduleNameMapper entry. */
function pathsToModuleNameMapper(tsconfigPath) {
  const tsconfig = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8'));
  const baseDir = path.dirname(tsconfigPath);
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    const escaped = alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    mapper[`^${escaped}$`] = path.join(baseDir, target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
