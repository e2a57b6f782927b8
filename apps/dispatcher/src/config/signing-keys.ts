import { LinkSigner, type LinkSigningKey } from '@notify/security';
import { registerDecorator } from 'class-validator';

/** Parses `kid:secret,kid:secret` (the format the preferences service verifies with); a secret may contain `:`. */
export function parseSigningKeys(raw: string): LinkSigningKey[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const separator = entry.indexOf(':');
      return separator < 0
        ? { id: entry, secret: '' }
        : { id: entry.slice(0, separator), secret: entry.slice(separator + 1) };
    });
}

/** The key list must build a LinkSigner; its errors name key ids, never secrets. */
export function IsSigningKeyList(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSigningKeyList',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && signingKeysProblem(value) === undefined,
        defaultMessage: (args) =>
          (typeof args?.value === 'string' ? signingKeysProblem(args.value) : undefined) ??
          'must be a comma-separated list of kid:secret',
      },
    });
}

function signingKeysProblem(raw: string): string | undefined {
  try {
    new LinkSigner(parseSigningKeys(raw));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'is invalid';
  }
}
