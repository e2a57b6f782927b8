const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'rate-limit',
  rootDir: __dirname,
  testTimeout: 60000,
};
