// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the types of a module without its own, in every project that compiles this file
/// <reference path="./class-transformer-storage.d.ts" />
// Reader: owns building a payload class's instance straight from the rules declared on the class, for the payloads
// that satisfy them; the full class-transformer + class-validator pass stays the authority on everything else.
import { TransformationType, type TransformFnParams } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type PayloadClass = new () => object;
type Fields = Record<string, unknown>;

interface Check {
  readonly metadata: ValidationMetadata;
  readonly validate: (value: unknown, args: ValidationArguments) => unknown;
}

interface PropertyRules {
  readonly name: string;
  /** The `@Type` of the property: each plain object found there is built into an instance of it. */
  readonly typeFunction?: (options: { newObject: object; object: Fields; property: string }) => unknown;
  readonly transforms: ReadonlyArray<(params: TransformFnParams) => unknown>;
  /** `@IsOptional()` and the like: when one is false, no other rule of the property applies. */
  readonly conditions: ReadonlyArray<(object: object, value: unknown) => boolean>;
  readonly checks: readonly Check[];
  readonly validatesNested: boolean;
}

interface ClassRules {
  readonly payloadClass: PayloadClass;
  /** Every property some validation rule names: the whitelist, in the order class-validator checks them. */
  readonly properties: ReadonlyMap<string, PropertyRules>;
}

/** A value the reader does not build the way class-transformer would: the full pass decides. */
const UNREAD = Symbol('unread');

// What class-transformer passes its `@Transform` functions when `plainToInstance` is given no options.
const TRANSFORM_OPTIONS = Object.freeze({});

const rulesByClass = new Map<PayloadClass, ClassRules | null>();

/**
 * The instance of `payloadClass` that `plainToInstance` followed by a whitelisting class-validator pass (unknown
 * values forbidden) would return for `data`, when every rule holds; `undefined` when any rule fails, or when the class
 * or the data uses something this reader does not interpret (groups, `@Expose`, async or `@IsDefined` rules,
 * non-JSON values), and only the full pass can decide and name what is wrong. It calls the classes' own validator
 * and transform functions, and never reads a field that no rule names.
 */
export function readValidPayload<T extends object>(payloadClass: new () => T, data: unknown): T | undefined {
  const rules = rulesOf(payloadClass);
  if (rules === undefined) {
    return undefined;
  }
  const instance = build(rules, data);
  return instance !== UNREAD && satisfies(rules, instance) ? (instance as T) : undefined;
}

function rulesOf(payloadClass: PayloadClass): ClassRules | undefined {
  let rules = rulesByClass.get(payloadClass);
  if (rules === undefined) {
    rules = compile(payloadClass);
    rulesByClass.set(payloadClass, rules);
  }
  return rules ?? undefined;
}

function compile(payloadClass: PayloadClass): ClassRules | null {
  const transformer = defaultMetadataStorage;
  if (
    transformer.getStrategy(payloadClass) !== 'none' ||
    transformer.getExposedMetadatas(payloadClass).length > 0 ||
    transformer.getExcludedMetadatas(payloadClass).length > 0
  ) {
    return null;
  }
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(payloadClass, '', false, false)) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  const properties = new Map<string, PropertyRules>();
  for (const [name, metadatas] of byProperty) {
    const property = compileProperty(payloadClass, name, metadatas);
    if (property === null) {
      return null;
    }
    properties.set(name, property);
  }
  // A field the constructor sets without a rule would be deleted by the whitelist; the reader leaves such classes be.
  const unruled = Object.keys(new payloadClass()).some((name) => !properties.has(name));
  return properties.size > 0 && !unruled ? { payloadClass, properties } : null;
}

function compileProperty(
  payloadClass: PayloadClass,
  name: string,
  metadatas: ValidationMetadata[],
): PropertyRules | null {
  if (name in payloadClass.prototype) {
    return null;
  }
  const conditions: PropertyRules['conditions'][number][] = [];
  const checks: Check[] = [];
  let validatesNested = false;
  for (const metadata of metadatas) {
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      conditions.push(metadata.constraints[0] as PropertyRules['conditions'][number]);
    } else if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
      validatesNested = true;
    } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
      for (const constraint of getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)) {
        if (constraint.async) {
          return null;
        }
        const validator = constraint.instance;
        checks.push({ metadata, validate: (value, args) => validator.validate(value, args) });
      }
    } else {
      return null;
    }
  }
  const type = defaultMetadataStorage.findTypeMetadata(payloadClass, name);
  if (
    type !== undefined &&
    (type.options?.discriminator !== undefined || !isPlainArrayType(type.reflectedType))
  ) {
    return null;
  }
  const transforms = defaultMetadataStorage
    .findTransformMetadatas(payloadClass, name, TransformationType.PLAIN_TO_CLASS)
    .filter(({ options }) => !options?.groups?.length)
    .map(({ transformFn }) => transformFn);
  return { name, typeFunction: type?.typeFunction, transforms, conditions, checks, validatesNested };
}

/** Under `@Type`, class-transformer builds arrays from the property's declared type: a plain array unless that type
 * is a Set or has a `push` of its own. */
function isPlainArrayType(reflectedType: unknown): boolean {
  if (reflectedType === undefined || reflectedType === Array || reflectedType === Object) {
    return true;
  }
  const prototype: unknown = typeof reflectedType === 'function' ? reflectedType.prototype : undefined;
  const isSet = reflectedType === Set || prototype instanceof Set;
  return typeof prototype === 'object' && prototype !== null && !isSet && !('push' in prototype);
}

/** An object as `JSON.parse` makes them, in whichever realm: one that class-transformer copies key by key. */
function isPlainObject(value: unknown): value is Fields {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.prototype.toString.call(value) !== '[object Object]'
  ) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype !== null && Object.getPrototypeOf(prototype) === null;
}

function isPrimitive(value: unknown): boolean {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

function build(rules: ClassRules, source: unknown): object | typeof UNREAD {
  if (!isPlainObject(source)) {
    return UNREAD;
  }
  const instance = new rules.payloadClass() as Fields;
  for (const key of Object.keys(source)) {
    const property = rules.properties.get(key);
    if (property === undefined) {
      continue;
    }
    let value = property.typeFunction
      ? buildTyped(property.typeFunction({ newObject: instance, object: source, property: key }), source[key])
      : copyUntyped(source[key]);
    if (value === UNREAD) {
      return UNREAD;
    }
    for (const transform of property.transforms) {
      value = transform({
        value,
        key,
        obj: source,
        type: TransformationType.PLAIN_TO_CLASS,
        options: TRANSFORM_OPTIONS,
      });
    }
    instance[key] = value;
  }
  return instance;
}

function buildTyped(type: unknown, value: unknown): unknown {
  if (isPrimitive(value)) {
    return value;
  }
  const rules = typeof type === 'function' ? rulesOf(type as PayloadClass) : undefined;
  if (rules === undefined) {
    return UNREAD;
  }
  if (!Array.isArray(value)) {
    return build(rules, value);
  }
  const items: unknown[] = [];
  for (const item of value as unknown[]) {
    const built = isPrimitive(item) ? item : build(rules, item);
    if (built === UNREAD) {
      return UNREAD;
    }
    items.push(built);
  }
  return items;
}

function copyUntyped(value: unknown): unknown {
  if (isPrimitive(value)) {
    return value;
  }
  return Array.isArray(value) && value.every(isPrimitive) ? [...(value as unknown[])] : UNREAD;
}

function satisfies(rules: ClassRules, instance: object): boolean {
  const fields = instance as Fields;
  for (const property of rules.properties.values()) {
    const value = fields[property.name];
    if (!property.conditions.every((condition) => condition(instance, value))) {
      continue;
    }
    for (const check of property.checks) {
      if (!passes(check, instance, value)) {
        return false;
      }
    }
    if (property.validatesNested && !nestedSatisfies(value)) {
      return false;
    }
  }
  return true;
}

function passes({ metadata, validate }: Check, object: object, value: unknown): boolean {
  const args: ValidationArguments = {
    targetName: object.constructor.name,
    property: metadata.propertyName,
    object,
    value,
    constraints: metadata.constraints,
  };
  if (metadata.each && Array.isArray(value)) {
    return value.every((item) => isAccepted(validate(item, args)));
  }
  return isAccepted(validate(value, args));
}

/** A promise is left to the full pass, which awaits it. */
function isAccepted(result: unknown): boolean {
  return (
    Boolean(result) &&
    !(typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function')
  );
}

function nestedSatisfies(value: unknown): boolean {
  if (value === undefined) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.every((item) => item === undefined || (!Array.isArray(item) && nestedSatisfies(item)));
  }
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const rules = rulesOf(value.constructor as PayloadClass);
  return rules !== undefined && satisfies(rules, value);
}
