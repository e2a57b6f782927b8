const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'messaging',
  rootDir: __dirname,
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/support/quiet-nest-logger.ts'],
};
