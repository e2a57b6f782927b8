import { registerDecorator, ValidationOptions } from 'class-validator';

/** Builds a class-validator decorator, registered as `name`, that accepts the values `predicate` accepts. */
export function predicateDecorator(
  name: string,
  message: string,
  predicate: (value: unknown) => boolean,
): (options?: ValidationOptions) => PropertyDecorator {
  return (options) => (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate: (value: unknown) => predicate(value) },
    });
}
