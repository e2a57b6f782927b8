const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'config',
  rootDir: __dirname,
  testTimeout: 60000,
};
