const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'preferences',
  rootDir: __dirname,
  testTimeout: 120000,
};
