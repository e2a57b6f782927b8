const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'bootstrap',
  rootDir: __dirname,
  testTimeout: 60000,
};
