const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'graph',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
