import { Limits } from '../../src/validation/limits';
import { PropertyRules } from './validation-rules';

// Used by the AsyncAPI spec: which JSON Schema keywords a payload property must carry, given its validators.

export interface SchemaFacts {
  type?: unknown;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  maxItems?: number;
  items?: SchemaFacts;
}

const FORMAT_OF_VALIDATOR: Record<string, string> = {
  isEmail: 'email',
  isUrl: 'uri',
  isRfc3339DateTime: 'date-time',
};
/** Custom validators that bound the length themselves. */
const MAX_LENGTH_OF_VALIDATOR: Record<string, number> = {
  isBcp47Locale: Limits.locale,
  isIanaTimeZone: Limits.timeZone,
};

export const sorted = <T>(values: Iterable<T>): T[] => [...values].sort();

export function withoutUndefined(facts: SchemaFacts): SchemaFacts {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));
}

/** The JSON Schema keywords a property's class-validator rules call for. */
export function expectedSchemaFacts(rules: PropertyRules): SchemaFacts {
  const constraint = (name: string, each = false): unknown => {
    const use = rules.validators.get(name);
    return use && use.each === each ? use.constraints[0] : undefined;
  };
  const has = (name: string): boolean => rules.validators.has(name);
  const type = has('isBoolean')
    ? 'boolean'
    : has('isInt')
      ? 'integer'
      : has('isArray')
        ? 'array'
        : has('isObject')
          ? 'object'
          : 'string';
  const format = Object.keys(FORMAT_OF_VALIDATOR).find((name) => rules.validators.get(name)?.each === false);
  const enumValues = constraint('isIn') as unknown[] | undefined;
  const impliedMaxLength = Object.entries(MAX_LENGTH_OF_VALIDATOR).find(([name]) => has(name))?.[1];
  return withoutUndefined({
    type,
    format: format && FORMAT_OF_VALIDATOR[format],
    enum: enumValues && sorted(enumValues),
    maxLength: (constraint('maxLength') as number | undefined) ?? impliedMaxLength,
    minimum: constraint('min') as number | undefined,
    minItems: constraint('arrayMinSize') as number | undefined,
    maxItems: constraint('arrayMaxSize') as number | undefined,
    items:
      type === 'array' && !rules.nested
        ? withoutUndefined({ type: 'string', maxLength: constraint('maxLength', true) as number | undefined })
        : undefined,
  });
}
