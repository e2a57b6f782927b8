import { consoleUserOf } from './console-roles';

describe('consoleUserOf', () => {
  it.each([
    ['support reads only', ['support'], { canAct: false }],
    ['operator reads and acts', ['operator'], { canAct: true }],
    ['both roles act', ['support', 'operator'], { canAct: true }],
    ['a platform service is no console user', ['service'], undefined],
    ['a member is no console user', [], undefined],
    ['role names are exact', ['Operator', 'supporter'], undefined],
  ])('%s', (_case, roles, expected) => {
    const user = consoleUserOf({ userId: 'u-1', roles, isService: roles.includes('service') });
    expect(user && { canAct: user.canAct }).toEqual(expected);
  });
});
