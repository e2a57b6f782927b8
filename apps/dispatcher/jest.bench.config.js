const preset = require('../../jest.preset');

/**
 * The retention job on 1,000,000 rows (`nx run dispatcher:bench-retention`); not part of `npm test`. The pipeline is
 * benchmarked on the running services by `npm run bench` (bench/README.md).
 */
module.exports = {
  ...preset,
  displayName: 'dispatcher-bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  testTimeout: 15 * 60 * 1000,
};
