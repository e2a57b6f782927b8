import { principalFromClaims } from '@notify/security';
import { consoleUserOf } from './console-roles';

describe('consoleUserOf', () => {
  it.each([
    ['support reads only', ['support'], { canAct: false }],
    ['operator reads and acts', ['operator'], { canAct: true }],
    ['both roles act', ['support', 'operator'], { canAct: true }],
    ['a platform service is no console user', ['service'], undefined],
    ['nor is one claiming a console role', ['service', 'operator'], undefined],
    ['a member is no console user', [], undefined],
    ['role names are exact', ['Operator', 'supporter'], undefined],
  ])('%s', (_case, roles, expected) => {
    const kind = roles.includes('service') ? 'service' : 'user';
    const user = consoleUserOf(principalFromClaims(kind, 'u-1', roles));
    expect(user && { canAct: user.canAct }).toEqual(expected);
  });
});
