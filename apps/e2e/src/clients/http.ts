/** An HTTP answer as the tests inspect it. */
export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  token?: string;
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
}

/** One request to a service; the body is parsed as JSON when the answer says so. */
export async function httpRequest<T>(baseUrl: string, request: HttpRequest): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (request.token) {
    headers.authorization = `Bearer ${request.token}`;
  }
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  const url = new URL(request.path, baseUrl);
  const response = await fetch(url, {
    method: request.method,
    headers,
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  return {
    status: response.status,
    headers: response.headers,
    body: (isJson && text ? JSON.parse(text) : text) as T,
  };
}

/** The answer's body when its status is the expected one; otherwise an error naming both. */
export function expectStatus<T>(answer: HttpAnswer<T>, status: number, what: string): T {
  if (answer.status !== status) {
    throw new Error(`${what}: expected HTTP ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}
