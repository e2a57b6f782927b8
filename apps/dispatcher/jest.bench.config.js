const preset = require('../../jest.preset');

/** The dispatcher's benchmark (`nx run dispatcher:bench`); not part of `npm test`. */
module.exports = {
  ...preset,
  displayName: 'dispatcher-bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  testTimeout: 15 * 60 * 1000,
};
