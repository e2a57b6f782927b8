import request from 'supertest';
import type { App } from 'supertest/types';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface UnauthenticatedCall {
  /** `METHOD /template`, as in the OpenAPI document. */
  route: string;
  status: number;
}

export interface AuthCoverageOptions {
  /** Operations (`METHOD /template`) answered without a token, e.g. `GET /health`; every other one must answer 401. */
  publicOperations: readonly string[];
  /** Operations the document must list, so a missing or truncated document cannot pass unnoticed. */
  expectedOperations: readonly string[];
}

/** Calls every operation of the service's OpenAPI document (`/docs-json`) without credentials. */
export async function callEveryRouteWithoutToken(http: App): Promise<UnauthenticatedCall[]> {
  const { body } = await request(http).get('/docs-json').expect(200);
  const paths = (body as { paths: Record<string, Record<string, unknown>> }).paths;
  const operations = Object.entries(paths).flatMap(([template, item]) =>
    METHODS.filter((method) => method in item).map((method) => ({ method, template })),
  );
  return Promise.all(
    operations.map(async ({ method, template }) => {
      const path = template.replace(/\{[^}]+\}/g, () => crypto.randomUUID());
      const { status } = await request(http)[method](path);
      return { route: `${method.toUpperCase()} ${template}`, status };
    }),
  );
}

/** Asserts that every documented operation but the listed public ones refuses a call without a token. */
export async function expectEveryOperationRequiresAuth(
  http: App,
  options: AuthCoverageOptions,
): Promise<void> {
  const calls = await callEveryRouteWithoutToken(http);

  expect(calls.map((call) => call.route)).toEqual(expect.arrayContaining([...options.expectedOperations]));
  expect(
    calls
      .filter((call) => call.status !== 401)
      .map((call) => call.route)
      .sort(),
  ).toEqual([...options.publicOperations].sort());
}
