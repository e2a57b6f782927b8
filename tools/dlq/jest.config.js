const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'dlq',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
