const path = require('node:path');
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

const swcOptions = {
  sourceMaps: 'inline',
  module: { type: 'commonjs' },
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
};

/** Shared jest settings: every project runs TypeScript through SWC and resolves `@notify/*` to source. */
module.exports = {
  testEnvironment: 'node',
  rootDir: undefined,
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(path.join(__dirname, 'tsconfig.base.json')),
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  clearMocks: true,
  restoreMocks: true,
};
