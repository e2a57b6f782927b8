import { InvalidLinkError } from './invalid-link.error';
import { LinkSigner } from './link-signer';
import { UnsubscribeTokens } from './unsubscribe-tokens';

const current = { id: 'k2', secret: 'c'.repeat(32) };
const previous = { id: 'k1', secret: 'p'.repeat(32) };
const inAnHour = new Date(Date.now() + 3_600_000);

function reasonOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof InvalidLinkError ? error.reason : 'other';
  }
}

describe('UnsubscribeTokens', () => {
  const tokens = new UnsubscribeTokens(new LinkSigner([current, previous]));

  it('reads back the user and category it signed', () => {
    const token = tokens.sign({ userId: 'u1', category: 'comments' }, inAnHour);

    expect(tokens.verify(token)).toEqual({ userId: 'u1', category: 'comments' });
  });

  it('still accepts a token signed with the previous key during a rotation', () => {
    const token = new UnsubscribeTokens(new LinkSigner([previous])).sign(
      { userId: 'u1', category: 'mentions' },
      inAnHour,
    );

    expect(tokens.verify(token)).toEqual({ userId: 'u1', category: 'mentions' });
  });

  it('rejects an expired token', () => {
    const token = tokens.sign({ userId: 'u1', category: 'comments' }, new Date(Date.now() - 1000));

    expect(reasonOf(() => tokens.verify(token))).toBe('expired');
  });

  it('rejects a token whose claims were altered', () => {
    const [keyId, , signature] = tokens.sign({ userId: 'u1', category: 'comments' }, inAnHour).split('.');
    const forged = Buffer.from(
      JSON.stringify({ c: { purpose: 'unsubscribe', userId: 'u2', category: 'comments' }, e: 9e9 }),
    );

    expect(reasonOf(() => tokens.verify(`${keyId}.${forged.toString('base64url')}.${signature}`))).toBe(
      'tampered',
    );
  });

  it('rejects a validly signed link made for another purpose', () => {
    const other = new LinkSigner([current]).sign(
      { purpose: 'decide', userId: 'u1', category: 'comments' },
      inAnHour,
    );

    expect(reasonOf(() => tokens.verify(other))).toBe('malformed');
  });

  it('rejects a validly signed link naming no known category', () => {
    const other = new LinkSigner([current]).sign(
      { purpose: 'unsubscribe', userId: 'u1', category: 'digests' },
      inAnHour,
    );

    expect(reasonOf(() => tokens.verify(other))).toBe('malformed');
  });

  it('rejects a token signed with a key it does not hold', () => {
    const stranger = new LinkSigner([{ id: 'k9', secret: 's'.repeat(32) }]);
    const token = new UnsubscribeTokens(stranger).sign({ userId: 'u1', category: 'comments' }, inAnHour);

    expect(reasonOf(() => tokens.verify(token))).toBe('unknown-key');
  });
});
