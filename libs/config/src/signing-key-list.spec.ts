import { ConfigValidationError } from './config-validation.error';
import { loadConfig } from './load-config';
import { Required } from './config-fields';
import { SigningKeyList } from './signing-key-list';
import type { LinkSigningKey } from '@notify/security';

class KeysConfig {
  @Required()
  @SigningKeyList()
  SIGNING_KEYS!: LinkSigningKey[];
}

const current = 'c'.repeat(32);
const previous = 'p'.repeat(32);

function messageOf(env: Record<string, string>): string {
  try {
    loadConfig(KeysConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return error.message;
    }
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('SigningKeyList', () => {
  it('reads the keys in order, trimming spaces around entries', () => {
    const config = loadConfig(KeysConfig, { SIGNING_KEYS: ` k2:${current} , k1:${previous}` });

    expect(config.SIGNING_KEYS).toEqual([
      { id: 'k2', secret: current },
      { id: 'k1', secret: previous },
    ]);
  });

  it('keeps a colon inside a secret', () => {
    const config = loadConfig(KeysConfig, { SIGNING_KEYS: `k1:${current}:more` });

    expect(config.SIGNING_KEYS).toEqual([{ id: 'k1', secret: `${current}:more` }]);
  });

  it('is required', () => {
    expect(messageOf({})).toContain('SIGNING_KEYS: is required');
  });

  it('names the position of a short secret without printing any id or secret', () => {
    const message = messageOf({ SIGNING_KEYS: `k2:${current},oldkey:too-short-secret` });

    expect(message).toMatch(/SIGNING_KEYS: .*key 2: secret must be at least 32 characters/);
    expect(message).not.toContain('too-short-secret');
    expect(message).not.toContain('oldkey');
    expect(message).not.toContain(current);
  });

  it('rejects an entry that has no secret', () => {
    expect(messageOf({ SIGNING_KEYS: `k2:${current},k1` })).toMatch(/key 2: secret must be at least/);
  });

  it('rejects an id used twice', () => {
    expect(messageOf({ SIGNING_KEYS: `k1:${current},k1:${previous}` })).toMatch(/key 2: id is used twice/);
  });

  it('rejects a list of separators only', () => {
    expect(messageOf({ SIGNING_KEYS: ' , ' })).toContain(
      'SIGNING_KEYS: must be a comma-separated list of kid:secret',
    );
  });
});
