import request from 'supertest';
import type { App } from 'supertest/types';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

export interface UnauthenticatedCall {
  /** `METHOD /template`, as in the OpenAPI document. */
  route: string;
  status: number;
}

/** Calls every operation of the service's OpenAPI document without credentials. */
export async function callEveryRouteWithoutToken(http: App): Promise<UnauthenticatedCall[]> {
  const { body } = await request(http).get('/docs-json').expect(200);
  const paths = (body as { paths: Record<string, Record<string, unknown>> }).paths;
  const operations = Object.entries(paths).flatMap(([template, item]) =>
    METHODS.filter((method: Method) => method in item).map((method) => ({ method, template })),
  );
  return Promise.all(
    operations.map(async ({ method, template }) => {
      const path = template.replace(/\{[^}]+\}/g, () => crypto.randomUUID());
      const { status } = await request(http)[method](path);
      return { route: `${method.toUpperCase()} ${template}`, status };
    }),
  );
}
