const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'moderation',
  rootDir: __dirname,
  testTimeout: 120000,
};
