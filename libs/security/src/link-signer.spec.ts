import { createHmac } from 'node:crypto';
import { InvalidLinkError, type InvalidLinkReason } from './invalid-link.error';
import { LinkSigner } from './link-signer';

const CURRENT = { id: 'k2', secret: 'current-secret-0123456789abcdefghijklmnop' };
const PREVIOUS = { id: 'k1', secret: 'previous-secret-0123456789abcdefghijklmno' };
const NOW = new Date('2025-03-01T10:00:00Z');
const IN_ONE_HOUR = new Date('2025-03-01T11:00:00Z');
const CLAIMS = { userId: 'user-1', category: 'mentions' };

function reasonOf(verify: () => unknown): InvalidLinkReason | undefined {
  try {
    verify();
  } catch (error) {
    if (error instanceof InvalidLinkError) {
      return error.reason;
    }
    throw error;
  }
  return undefined;
}

describe('LinkSigner', () => {
  const signer = new LinkSigner([CURRENT]);

  it('returns the signed claims of a valid token', () => {
    const token = signer.sign(CLAIMS, IN_ONE_HOUR);

    expect(signer.verify(token, NOW)).toEqual(CLAIMS);
  });

  it('produces URL-safe tokens naming the signing key', () => {
    const token = signer.sign({ note: 'ünïcode & spaces / +=' }, IN_ONE_HOUR);

    expect(token).toMatch(/^k2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('rejects a token at and after its expiry', () => {
    const token = signer.sign(CLAIMS, IN_ONE_HOUR);

    expect(reasonOf(() => signer.verify(token, IN_ONE_HOUR))).toBe('expired');
    expect(reasonOf(() => signer.verify(token, new Date('2025-03-02T00:00:00Z')))).toBe('expired');
  });

  it('rejects a token whose claims were changed', () => {
    const [keyId, , signature] = signer.sign(CLAIMS, IN_ONE_HOUR).split('.');
    const forgedBody = Buffer.from(JSON.stringify({ c: { ...CLAIMS, userId: 'user-2' }, e: 1_900_000_000 }));
    const forged = `${keyId}.${forgedBody.toString('base64url')}.${signature}`;

    expect(reasonOf(() => signer.verify(forged, NOW))).toBe('tampered');
  });

  it('rejects a token whose signature was changed', () => {
    const [keyId, body, signature] = signer.sign(CLAIMS, IN_ONE_HOUR).split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);

    expect(reasonOf(() => signer.verify(`${keyId}.${body}.${flipped}`, NOW))).toBe('tampered');
  });

  it('rejects a token signed with another secret under the same key id', () => {
    const impostor = new LinkSigner([{ id: CURRENT.id, secret: 'another-secret-0123456789abcdefghijklmn' }]);

    expect(reasonOf(() => signer.verify(impostor.sign(CLAIMS, IN_ONE_HOUR), NOW))).toBe('tampered');
  });

  it('rejects a token signed with a key it does not know', () => {
    const other = new LinkSigner([{ id: 'k9', secret: CURRENT.secret }]);

    expect(reasonOf(() => signer.verify(other.sign(CLAIMS, IN_ONE_HOUR), NOW))).toBe('unknown-key');
  });

  it.each([
    ['', 'malformed'],
    ['abc', 'malformed'],
    ['k2.', 'malformed'],
    ['k2..sig', 'malformed'],
    ['k2.a.b.c', 'malformed'],
    ['k2.!!!.abc', 'tampered'],
  ])('rejects the malformed token %p as %s', (token, reason) => {
    expect(reasonOf(() => signer.verify(token, NOW))).toBe(reason);
  });

  it('rejects a correctly signed body that is not a claims object', () => {
    const body = Buffer.from('"just a string"').toString('base64url');
    const signature = createHmac('sha256', CURRENT.secret).update(`k2.${body}`).digest('base64url');

    expect(reasonOf(() => signer.verify(`k2.${body}.${signature}`, NOW))).toBe('malformed');
  });

  describe('key rotation', () => {
    const beforeRotation = new LinkSigner([PREVIOUS]);
    const afterRotation = new LinkSigner([CURRENT, PREVIOUS]);

    it('keeps accepting links signed with the previous key', () => {
      const oldLink = beforeRotation.sign(CLAIMS, IN_ONE_HOUR);

      expect(afterRotation.verify(oldLink, NOW)).toEqual(CLAIMS);
    });

    it('signs new links with the first key', () => {
      const newLink = afterRotation.sign(CLAIMS, IN_ONE_HOUR);

      expect(newLink.startsWith('k2.')).toBe(true);
      expect(new LinkSigner([CURRENT]).verify(newLink, NOW)).toEqual(CLAIMS);
      expect(reasonOf(() => beforeRotation.verify(newLink, NOW))).toBe('unknown-key');
    });
  });

  describe('construction', () => {
    it('refuses no keys, short secrets, odd ids and duplicate ids, naming the key by position', () => {
      expect(() => new LinkSigner([])).toThrow('at least one key');
      expect(() => new LinkSigner([{ id: 'k1', secret: 'short' }])).toThrow(
        'Link key 1: secret must be at least 32 characters',
      );
      expect(() => new LinkSigner([CURRENT, { id: 'k.1', secret: CURRENT.secret }])).toThrow(
        'Link key 2: id must be 1-32 characters',
      );
      expect(() => new LinkSigner([CURRENT, { ...PREVIOUS, id: CURRENT.id }])).toThrow(
        'Link key 2: id is used twice',
      );
    });

    it('never repeats a secret given in the id field', () => {
      const misplaced = 'a-secret-typed-where-the-id-belongs:0123456789';

      expect(() => new LinkSigner([{ id: misplaced, secret: '' }])).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('a-secret') as unknown }),
      );
      expect(() => new LinkSigner([{ id: 'Short0Secret', secret: '' }])).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('Short0Secret') as unknown }),
      );
    });

    it('refuses an invalid expiry, non-string claims and an invalid verification time', () => {
      expect(() => signer.sign(CLAIMS, new Date('not a date'))).toThrow('valid date');
      expect(() => signer.sign({ userId: 42 } as unknown as Record<string, string>, IN_ONE_HOUR)).toThrow(
        'claims must be strings',
      );
      expect(() => signer.verify(signer.sign(CLAIMS, IN_ONE_HOUR), new Date('not a date'))).toThrow(
        'valid date',
      );
    });
  });
});
