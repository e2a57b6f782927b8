// Validates Kubernetes objects (a JSON array on stdin) against the schemas of the `kubernetes-models` packages and
// prints one result per object. An ES module of its own: the model packages ship as ES modules only.
const PACKAGE_BY_GROUP = {
  '': 'kubernetes-models',
  'keda.sh': '@kubernetes-models/keda',
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'core.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

function modelPath({ apiVersion, kind }) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = PACKAGE_BY_GROUP[group] ?? (group.includes('.') && !group.endsWith('.k8s.io') ? undefined : 'kubernetes-models');
  if (!pkg) {
    return undefined;
  }
  return group ? `${pkg}/${group}/${version}/${kind}` : `${pkg}/${version}/${kind}`;
}

// kustomize wraps long base64 values over lines; the API server's decoder skips line breaks, the schema does not.
function unwrapSecretData(object) {
  if (object.kind !== 'Secret' || !object.data) {
    return object;
  }
  const data = Object.fromEntries(Object.entries(object.data).map(([key, value]) => [key, value.replace(/\s/g, '')]));
  return { ...object, data };
}

async function validate(object) {
  const result = { kind: object.kind, apiVersion: object.apiVersion, name: object.metadata?.name };
  const path = modelPath(object);
  if (!path) {
    return { ...result, error: `no schema package for ${object.apiVersion}` };
  }
  try {
    const Model = (await import(path))[object.kind];
    new Model(unwrapSecretData(object)).validate();
    return { ...result, schema: path };
  } catch (error) {
    return { ...result, error: error instanceof Error ? error.message : String(error) };
  }
}

let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
}
const results = await Promise.all(JSON.parse(input).map(validate));
process.stdout.write(JSON.stringify(results));
