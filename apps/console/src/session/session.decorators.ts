import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ConsoleRequest, ConsoleSession } from './console-session';

export const OPERATOR_ONLY_KEY = 'console:operator-only';

/** An action: needs the operator role (403 for support) besides the CSRF token every form post needs. */
export const OperatorOnly = (): MethodDecorator => SetMetadata(OPERATOR_ONLY_KEY, true);

export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const session = context.switchToHttp().getRequest<ConsoleRequest>().consoleSession;
  if (!session) {
    throw new Error('CurrentSession used on a route without the session guard');
  }
  return session satisfies ConsoleSession;
});
