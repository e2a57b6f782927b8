import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { Limits } from './limits';
import { predicateDecorator } from './predicate.decorator';

// PostgreSQL refuses NUL in text; other control characters have no place in names, titles or identifiers.
const LINE_BREAKS_AND_TAB = new Set(['\t', '\n', '\r']);
const CONTROL_IN_ID = /\p{Cc}/u;

function hasC0ControlBesidesLineBreaks(text: string): boolean {
  for (const character of text) {
    if (character < ' ' && !LINE_BREAKS_AND_TAB.has(character)) {
      return true;
    }
  }
  return false;
}

const HasNoControlInText = predicateDecorator(
  'hasNoControlCharacters',
  '$property must not contain control characters other than tab and line breaks',
  (value) => typeof value !== 'string' || !hasC0ControlBesidesLineBreaks(value),
);

const HasNoControlInId = predicateDecorator(
  'hasNoControlCharacters',
  '$property must not contain control characters',
  (value) => typeof value !== 'string' || !CONTROL_IN_ID.test(value),
);

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyName) => decorators.forEach((decorate) => decorate(target, propertyName));
}

/** May be absent; `null` is read as absent so consumers only ever see `undefined`. */
export function Optional(): PropertyDecorator {
  return compose(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (value === null ? undefined : value)),
  );
}

/**
 * A string with at least one non-space character and at most `maxLength` characters;
 * tab, line feed and carriage return are the only control characters it may hold.
 */
export function IsText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return compose(nonBlankString(maxLength, options), HasNoControlInText(options));
}

/** An identifier issued by some service: opaque, non-blank, bounded, free of any control character. */
export function IsId(options?: ValidationOptions): PropertyDecorator {
  return compose(nonBlankString(Limits.id, options), HasNoControlInId(options));
}

function nonBlankString(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return compose(
    IsString(options),
    Matches(/\S/, { message: '$property must not be blank', ...options }),
    MaxLength(maxLength, options),
  );
}

/** An absolute `http:` or `https:` URL; hosts without a TLD (e.g. `localhost`) are allowed. */
export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return compose(
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { message: '$property must be an absolute http(s) URL', ...options },
    ),
    MaxLength(Limits.url, options),
  );
}

export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return compose(
    IsEmail(undefined, { message: '$property must be an email address', ...options }),
    MaxLength(Limits.email, options),
  );
}

/**
 * A nested object (or, with `each`, an array of them) validated against its own class. Each item is checked to be an
 * object: class-validator would otherwise take an array inside the array for a list of items and pass `[[]]`.
 */
export function Nested(type: () => new () => object, options: { each?: boolean } = {}): PropertyDecorator {
  const shape = options.each ? compose(IsArray(), IsObject({ each: true })) : IsObject();
  return compose(shape, ValidateNested({ each: options.each }), Type(type));
}
