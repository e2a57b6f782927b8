import { registerDecorator, ValidationOptions } from 'class-validator';
import { Limits } from './limits';

// A 2-3 letter primary language subtag followed by hyphen-separated subtags; `Intl` checks the rest.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** True for a well-formed BCP 47 language tag such as `fr`, `de-AT` or `sr-Latn-RS`. */
export function isBcp47Locale(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > Limits.locale || !LANGUAGE_TAG.test(value)) {
    return false;
  }
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export function IsBcp47Locale(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBcp47Locale',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a BCP 47 language tag such as fr or de-AT', ...options },
      validator: { validate: (value: unknown) => isBcp47Locale(value) },
    });
}
