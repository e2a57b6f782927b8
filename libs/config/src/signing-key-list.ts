import { applyDecorators } from '@nestjs/common';
import { LinkSigner, type LinkSigningKey } from '@notify/security';
import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import { splitList } from './config-fields';

const FORMAT = 'must be a comma-separated list of kid:secret';

/** `kid:secret,kid:secret` → keys in order; a secret may contain `:`, an entry without one has no secret. */
export function parseSigningKeyList(raw: string): LinkSigningKey[] {
  return splitList(raw).map((entry) => {
    const separator = entry.indexOf(':');
    return separator < 0
      ? { id: entry, secret: '' }
      : { id: entry.slice(0, separator), secret: entry.slice(separator + 1) };
  });
}

/**
 * Signing keys written `kid:secret,kid:secret` (the first key signs, every key verifies), stored as
 * `LinkSigningKey[]`. The list must build a `LinkSigner`; problems name keys by position, never an id or secret.
 */
export const SigningKeyList = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
      const raw = obj[key];
      return typeof raw === 'string' ? parseSigningKeyList(raw) : value;
    }),
    BuildsLinkSigner(),
  );

function BuildsLinkSigner(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'signingKeyList',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => signingKeysProblem(value) === undefined,
        defaultMessage: (args) => signingKeysProblem(args?.value) ?? FORMAT,
      },
    });
}

function signingKeysProblem(keys: unknown): string | undefined {
  if (!Array.isArray(keys) || keys.length === 0) {
    return FORMAT;
  }
  try {
    new LinkSigner(keys as LinkSigningKey[]);
    return undefined;
  } catch (error) {
    // The signer's messages name keys by position only, so they are safe in a start-up error.
    return error instanceof Error ? error.message : FORMAT;
  }
}
