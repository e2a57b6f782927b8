const preset = require('../../jest.preset');

/** The messaging micro-benchmarks (`nx run messaging:bench`); not part of `npm test`. */
module.exports = {
  ...preset,
  displayName: 'messaging-bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  testTimeout: 10 * 60 * 1000,
  setupFiles: ['<rootDir>/test/support/quiet-nest-logger.ts'],
};
