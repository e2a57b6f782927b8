import { getMetadataStorage } from 'class-validator';

// Used by the AsyncAPI spec to compare the document with the payload classes' validation metadata.

export interface ValidatorUse {
  constraints: unknown[];
  each: boolean;
}

export interface PropertyRules {
  optional: boolean;
  nested: boolean;
  /** Validators by class-validator name, e.g. `isString`, `maxLength`, `isIn`. */
  validators: Map<string, ValidatorUse>;
}

/** The validated properties of a class (inherited ones included) and the rules declared on each. */
export function validationRulesOf(target: new () => object): Map<string, PropertyRules> {
  const rules = new Map<string, PropertyRules>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const property = rules.get(metadata.propertyName) ?? {
      optional: false,
      nested: false,
      validators: new Map(),
    };
    if (metadata.type === 'conditionalValidation') {
      property.optional = true;
    } else if (metadata.type === 'nestedValidation') {
      property.nested = true;
    } else if (metadata.name) {
      property.validators.set(metadata.name, {
        constraints: metadata.constraints ?? [],
        each: metadata.each === true,
      });
    }
    rules.set(metadata.propertyName, property);
  }
  return rules;
}
