const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'communities',
  rootDir: __dirname,
  testTimeout: 120000,
};
