import { predicateDecorator } from './predicate.decorator';
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

export const IsBcp47Locale = predicateDecorator(
  'isBcp47Locale',
  '$property must be a BCP 47 language tag such as fr or de-AT',
  isBcp47Locale,
);
