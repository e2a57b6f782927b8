import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-pipe';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []) {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('names nested fields with dotted paths', () => {
    const errors = [
      error('name', { isNotEmpty: 'name should not be empty' }),
      error('moderators', undefined, [
        error('0', undefined, [error('contactEmail', { isEmail: 'contactEmail must be an email' })]),
      ]),
    ];

    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'name', messages: ['name should not be empty'] },
      { field: 'moderators.0.contactEmail', messages: ['contactEmail must be an email'] },
    ]);
  });

  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });
});
