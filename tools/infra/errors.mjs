/** An expected failure whose message is enough for the user; printed without a stack trace. */
export class InfraError extends Error {
  /** @override */
  name = 'InfraError';
}
