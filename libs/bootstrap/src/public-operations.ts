import type { INestApplication, Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, PathItemObject } from '@nestjs/swagger';
import { IS_PUBLIC_KEY } from '@notify/security';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The OpenAPI operation id of a handler; passed to Swagger so that routes and operations can be matched. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  return `${controllerKey}_${methodKey}`;
}

/** Operation ids of the handlers the authentication guard lets through: `@Public()` on them or their controller. */
export function publicOperationIds(app: INestApplication): Set<string> {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type<object> | null;
      if (!controller) {
        continue;
      }
      const prototype = controller.prototype as Record<string, unknown>;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method] as (...args: unknown[]) => unknown;
        if (reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [handler, controller])) {
          ids.add(operationIdOf(controller.name, method));
        }
      }
    }
  }
  return ids;
}

/** An empty operation-level `security` overrides the document's bearer requirement for that operation. */
export function exemptPublicOperations(document: OpenAPIObject, publicIds: ReadonlySet<string>): void {
  for (const pathItem of Object.values<PathItemObject>(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation: OperationObject | undefined = pathItem[method];
      if (operation?.operationId && publicIds.has(operation.operationId)) {
        operation.security = [];
      }
    }
  }
}
