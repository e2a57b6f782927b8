import { LinkSigner, type LinkSigningKey } from '@notify/security';
import { registerDecorator } from 'class-validator';

const FORMAT = 'must be a comma-separated list of kid:secret';

/** Parses `kid:secret,kid:secret` (the format the dispatcher signs with); a secret may contain `:`. */
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

/** The list must build a `LinkSigner`, whose rules (id format, secret length, unique ids) it reports. */
export function IsSigningKeyList(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSigningKeyList',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => signingKeysProblem(value) === undefined,
        defaultMessage: (args) => signingKeysProblem(args?.value) ?? FORMAT,
      },
    });
}

/** The signer's messages name key ids, never secrets, so they are safe in a start-up error. */
function signingKeysProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'string') {
    return FORMAT;
  }
  try {
    new LinkSigner(parseSigningKeys(raw));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : FORMAT;
  }
}
