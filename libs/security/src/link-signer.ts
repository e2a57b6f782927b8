import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidLinkError } from './invalid-link.error';

export interface LinkSigningKey {
  /** Short identifier written into every token so verification picks the right secret. */
  id: string;
  secret: string;
}

export type LinkClaims = Record<string, string>;

interface SignedBody {
  c: LinkClaims;
  /** Expiry, seconds since the epoch. */
  e: number;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const MIN_SECRET_LENGTH = 32;

/**
 * Signs and verifies URL-safe, expiring tokens (`<keyId>.<claims>.<signature>`, HMAC-SHA256).
 * The first key signs; every key verifies, so a new key can be put first and an old one kept until its links expire.
 */
export class LinkSigner {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly signingKeyId: string;

  /** Errors name keys by position only: a misplaced secret in the id field must never reach a log. */
  constructor(keys: readonly LinkSigningKey[]) {
    if (keys.length === 0) {
      throw new Error('LinkSigner needs at least one key');
    }
    const byId = new Map<string, Buffer>();
    keys.forEach((key, index) => {
      const name = `Link key ${index + 1}`;
      if (!KEY_ID.test(key.id)) {
        throw new Error(`${name}: id must be 1-32 characters of A-Z, a-z, 0-9, "_" or "-"`);
      }
      if (key.secret.length < MIN_SECRET_LENGTH) {
        throw new Error(`${name}: secret must be at least ${MIN_SECRET_LENGTH} characters`);
      }
      if (byId.has(key.id)) {
        throw new Error(`${name}: id is used twice`);
      }
      byId.set(key.id, Buffer.from(key.secret, 'utf8'));
    });
    this.keys = byId;
    this.signingKeyId = keys[0].id;
  }

  sign(claims: LinkClaims, expiresAt: Date): string {
    const expiresAtMs = expiresAt.getTime();
    if (Number.isNaN(expiresAtMs)) {
      throw new Error('Link expiry must be a valid date');
    }
    if (Object.values(claims).some((claim) => typeof claim !== 'string')) {
      throw new Error('Link claims must be strings');
    }
    const body: SignedBody = { c: { ...claims }, e: Math.floor(expiresAtMs / 1000) };
    const signedPart = `${this.signingKeyId}.${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
    return `${signedPart}.${this.mac(this.signingKeyId, signedPart).toString('base64url')}`;
  }

  verify(token: string, now: Date = new Date()): LinkClaims {
    if (Number.isNaN(now.getTime())) {
      throw new Error('Link verification time must be a valid date');
    }
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((part) => part.length === 0)) {
      throw new InvalidLinkError('malformed');
    }
    const [keyId, encodedBody, encodedSignature] = parts;
    if (!this.keys.has(keyId)) {
      throw new InvalidLinkError('unknown-key');
    }
    // Compared as text so that only the canonical encoding of the signature is accepted.
    const expected = Buffer.from(this.mac(keyId, `${keyId}.${encodedBody}`).toString('base64url'));
    const actual = Buffer.from(encodedSignature);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new InvalidLinkError('tampered');
    }
    const body = parseBody(encodedBody);
    if (now.getTime() >= body.e * 1000) {
      throw new InvalidLinkError('expired');
    }
    return body.c;
  }

  private mac(keyId: string, signedPart: string): Buffer {
    const secret = this.keys.get(keyId);
    if (!secret) {
      throw new InvalidLinkError('unknown-key');
    }
    return createHmac('sha256', secret).update(signedPart).digest();
  }
}

function parseBody(encoded: string): SignedBody {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidLinkError('malformed');
  }
  if (!isSignedBody(body)) {
    throw new InvalidLinkError('malformed');
  }
  return body;
}

function isSignedBody(value: unknown): value is SignedBody {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { c, e } = value as Partial<SignedBody>;
  return (
    typeof e === 'number' &&
    Number.isFinite(e) &&
    typeof c === 'object' &&
    c !== null &&
    !Array.isArray(c) &&
    Object.values(c).every((claim) => typeof claim === 'string')
  );
}
