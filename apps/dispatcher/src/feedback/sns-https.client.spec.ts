import { hostPattern } from './sns-https.client';

describe('hostPattern', () => {
  it.each([
    ['sns.*.amazonaws.com', 'sns.eu-west-1.amazonaws.com', true],
    ['sns.*.amazonaws.com', 'sns.us-gov-west-1.amazonaws.com', true],
    ['sns.*.amazonaws.com', 'sns.eu-west-1.amazonaws.com.evil.example', false],
    ['sns.*.amazonaws.com', 'evil.example/sns.eu-west-1.amazonaws.com', false],
    ['sns.*.amazonaws.com', 'sns.a.b.amazonaws.com', false],
    ['sns.*.amazonaws.com', 'snsxeu-west-1.amazonaws.com', false],
    ['sns.*.amazonaws.com', 'sns.eu-west-1.amazonaws.com:8443', false],
    ['127.0.0.1:8443', '127.0.0.1:8443', true],
    ['127.0.0.1:8443', '127.0.0.1:8444', false],
  ])('%s matches %s: %s', (pattern, host, matches) => {
    expect(hostPattern(pattern).test(host)).toBe(matches);
  });
});
