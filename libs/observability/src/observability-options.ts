export interface ObservabilityOptions {
  /** Service name, attached to logs and as the `service` label of every metric. */
  service: string;
  /** How long one readiness check may take before it counts as failed; default 2000 ms. */
  readinessTimeoutMs?: number;
}

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
