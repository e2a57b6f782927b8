import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const K8S_DIR = path.resolve(__dirname, '../../k8s');

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

/** The objects `kubectl kustomize` renders for a directory under deploy/k8s. */
export function render(overlay: string): K8sObject[] {
  const output = execFileSync('kubectl', ['kustomize', path.join(K8S_DIR, overlay)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseAllDocuments(output)
    .map((document) => document.toJSON() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

export interface SchemaResult {
  kind: string;
  apiVersion: string;
  name: string;
  schema?: string;
  error?: string;
}

/** Validates objects against the Kubernetes, KEDA, Strimzi and Prometheus Operator schemas. */
export function validateSchemas(objects: K8sObject[]): SchemaResult[] {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'validate-objects.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output) as SchemaResult[];
}

export function ofKind<T = K8sObject>(objects: K8sObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}
