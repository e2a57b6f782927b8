import { parseDuration } from '@notify/config';
import { type K8sObject, ofKind, render, validateSchemas } from './support/kustomize';
import {
  configVariables,
  consumedTopics,
  DEPLOYED,
  SERVICES,
  type Deployed,
} from './support/service-sources';

interface Container {
  name: string;
  image: string;
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { valueFrom?: { configMapKeyRef?: { name: string }; secretKeyRef?: { name: string } } }[];
  startupProbe?: { periodSeconds: number; failureThreshold: number };
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  lifecycle?: { preStop?: unknown };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Deployment extends K8sObject {
  spec: {
    replicas?: number;
    strategy?: { rollingUpdate?: { maxSurge?: number } };
    template: {
      spec: {
        containers: Container[];
        volumes?: { name: string; secret?: { secretName: string }; configMap?: { name: string } }[];
      };
    };
  };
}
interface ScaledObject extends K8sObject {
  spec: {
    scaleTargetRef: { name: string };
    maxReplicaCount: number;
    triggers: { type: string; metadata: Record<string, string>; authenticationRef: { name: string } }[];
  };
}
interface TriggerAuthentication extends K8sObject {
  spec: { secretTargetRef: { parameter: string; name: string; key: string }[] };
}

const OVERLAYS = ['overlays/local', 'overlays/production'];
const CLUSTER_CA_SECRET = 'notifications-cluster-ca-cert';
/** Connections a replica opens beside its pool: the relay leadership or delivery wake-up LISTEN client. */
const DEDICATED_CONNECTIONS = 1;
/** Partitions of a topic the services create or that Strimzi declares without a count. */
const DEFAULT_PARTITIONS = 3;
/** Kafka security settings of libs/config and the variables the AWS SDK reads itself. */
const LIBRARY_VARIABLES = [
  'KAFKA_SECURITY_PROTOCOL',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD_FILE',
  'KAFKA_SSL_CA_FILE',
  'KAFKA_CREATE_TOPICS',
];
const AWS_SDK_VARIABLES = ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
/** ingress-nginx keeps idle upstream connections this long (`upstream-keepalive-timeout`, 60 s by default). */
const INGRESS_UPSTREAM_KEEPALIVE_MS = 60_000;

const rendered = new Map(OVERLAYS.map((overlay) => [overlay, render(overlay)]));
const production = rendered.get('overlays/production')!;

function deploymentOf(objects: K8sObject[], service: Deployed): Deployment {
  const deployment = ofKind<Deployment>(objects, 'Deployment').find((d) => d.metadata.name === service);
  if (!deployment) {
    throw new Error(`no Deployment ${service}`);
  }
  return deployment;
}

function configOf(objects: K8sObject[], service: Deployed): Record<string, string> {
  const name = deploymentOf(objects, service).spec.template.spec.containers[0].envFrom?.find(
    (source) => source.configMapRef,
  )?.configMapRef?.name;
  const configMap = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === name);
  if (!configMap?.data) {
    throw new Error(`the ConfigMap of ${service} is not rendered`);
  }
  return configMap.data;
}

function referencedNames(deployment: Deployment): string[] {
  const container = deployment.spec.template.spec.containers[0];
  return [
    ...(container.envFrom ?? []).map((source) => source.configMapRef?.name ?? source.secretRef?.name ?? ''),
    ...(container.env ?? []).map(
      (variable) => variable.valueFrom?.configMapKeyRef?.name ?? variable.valueFrom?.secretKeyRef?.name ?? '',
    ),
    ...(deployment.spec.template.spec.volumes ?? []).map(
      (volume) => volume.secret?.secretName ?? volume.configMap?.name ?? '',
    ),
  ].filter((name) => name !== '');
}

/** Partitions per topic: from Strimzi KafkaTopic objects when rendered, else the services' own defaults. */
function partitionsOf(objects: K8sObject[], topic: string): number {
  const declared = ofKind(objects, 'KafkaTopic').find(
    (t) => ((t.spec?.topicName as string | undefined) ?? t.metadata.name) === topic,
  );
  if (declared) {
    return (declared.spec?.partitions as number | undefined) ?? DEFAULT_PARTITIONS;
  }
  if (topic === 'platform.activity.v1') {
    return Number(configOf(objects, 'dispatcher').KAFKA_INGRESS_PARTITIONS);
  }
  return DEFAULT_PARTITIONS;
}

describe.each(OVERLAYS)('%s', (overlay) => {
  const objects = rendered.get(overlay)!;

  it('validates every rendered object against the Kubernetes, KEDA, Strimzi and Prometheus schemas', () => {
    const results = validateSchemas(objects);

    expect(results.filter((result) => result.error)).toEqual([]);
    expect(results).toHaveLength(objects.length);
    const byKind = results.reduce<Record<string, number>>(
      (counts, result) => ({ ...counts, [result.kind]: (counts[result.kind] ?? 0) + 1 }),
      {},
    );
    console.log(`${overlay}: ${results.length} objects valid: ${JSON.stringify(byKind)}`);
  });

  it.each(DEPLOYED)(
    'runs %s with only its own ConfigMap and Secrets, a pinned image, probes and limits',
    (service) => {
      const deployment = deploymentOf(objects, service);
      const [container] = deployment.spec.template.spec.containers;
      const own = [`${service}-config-`, `${service}-secrets`, `${service}`, CLUSTER_CA_SECRET];

      const foreign = referencedNames(deployment).filter(
        (name) =>
          !own.some(
            (prefix) =>
              name === prefix ||
              (prefix.endsWith('-') && name.startsWith(prefix)) ||
              name.startsWith(`${service}-secrets-`),
          ),
      );
      expect(foreign).toEqual([]);
      expect(container.image).toMatch(/^[^:@]+(:[\w][\w.-]*|@sha256:[a-f0-9]{64})$/);
      expect(container.image).not.toMatch(/:latest$/);
      expect(container.startupProbe).toBeDefined();
      expect(
        container.startupProbe!.periodSeconds * container.startupProbe!.failureThreshold,
      ).toBeGreaterThanOrEqual(300);
      expect(container.livenessProbe).toBeDefined();
      expect(container.readinessProbe).toBeDefined();
      expect(container.lifecycle?.preStop).toBeDefined();
      expect(container.resources?.requests?.memory).toBeDefined();
      expect(container.resources?.limits?.memory).toBeDefined();
    },
  );

  it.each(DEPLOYED)('gives %s only settings its config class declares', (service) => {
    const known = new Set([
      ...configVariables(service),
      ...LIBRARY_VARIABLES,
      ...(service === 'dispatcher' ? AWS_SDK_VARIABLES : []),
    ]);

    expect(Object.keys(configOf(objects, service)).filter((name) => !known.has(name))).toEqual([]);
  });

  it.each(DEPLOYED)(
    'bounds the statements, lock waits and handler tries of %s, and outlasts the ingress keep-alive',
    (service) => {
      const config = configOf(objects, service);
      const ms = (name: string): number => parseDuration(config[name] ?? '') ?? Number.NaN;

      expect(ms('DB_STATEMENT_TIMEOUT')).toBeGreaterThan(0);
      expect(ms('DB_LOCK_TIMEOUT')).toBeGreaterThan(0);
      expect(ms('DB_LOCK_TIMEOUT')).toBeLessThan(ms('DB_STATEMENT_TIMEOUT'));
      expect(ms('KAFKA_HANDLER_TIMEOUT')).toBeGreaterThan(0);
      expect(ms('HTTP_KEEP_ALIVE_TIMEOUT')).toBeGreaterThan(INGRESS_UPSTREAM_KEEPALIVE_MS);
    },
  );

  it('keeps every service within the PostgreSQL connection budget', () => {
    const [namespace] = ofKind(objects, 'Namespace');
    const annotations = namespace.metadata.annotations ?? {};
    const budget = Number(annotations['notifications.example.eu/postgres-connection-budget']);
    const scaled = ofKind<ScaledObject>(objects, 'ScaledObject');

    const usage = DEPLOYED.map((service) => {
      const deployment = deploymentOf(objects, service);
      const maxReplicas =
        scaled.find((s) => s.spec.scaleTargetRef.name === service)?.spec.maxReplicaCount ??
        deployment.spec.replicas ??
        1;
      const surge = deployment.spec.strategy?.rollingUpdate?.maxSurge ?? 1;
      const pool = Number(configOf(objects, service).DB_POOL_SIZE);
      expect(pool).toBeGreaterThan(0);
      return {
        service,
        maxReplicas,
        surge,
        pool,
        connections: (maxReplicas + surge) * (pool + DEDICATED_CONNECTIONS),
      };
    });
    const total = usage.reduce((sum, entry) => sum + entry.connections, 0);
    console.log(`${overlay}: connections ${JSON.stringify(usage)} total ${total} of budget ${budget}`);

    expect(budget).toBeGreaterThan(0);
    expect(budget).toBeLessThan(Number(annotations['notifications.example.eu/postgres-max-connections']));
    expect(total).toBeLessThanOrEqual(budget);
  });
});

describe.each(['local', 'production'])('one service alone (%s)', (environment) => {
  it.each(DEPLOYED)('renders %s with its own objects only', (service) => {
    const objects = render(`${service}/overlays/${environment}`);

    expect(ofKind(objects, 'Deployment').map((d) => d.metadata.name)).toEqual([service]);
    expect(validateSchemas(objects).filter((result) => result.error)).toEqual([]);
  });
});

describe('production overlay', () => {
  it.each(DEPLOYED)(
    'connects %s to Kafka with SASL_SSL as its own principal, mounts its credentials and checks both token kinds',
    (service) => {
      const config = configOf(production, service);
      const mounts = deploymentOf(production, service).spec.template.spec.containers[0].volumeMounts ?? [];
      const mounted = (file: string) => mounts.some((mount) => file.startsWith(`${mount.mountPath}/`));

      expect(config).toMatchObject({
        LOG_FORMAT: 'json',
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: service,
        KAFKA_SASL_PASSWORD_FILE: '/var/run/secrets/kafka/password',
        KAFKA_CREATE_TOPICS: 'false',
      });
      expect(config).not.toHaveProperty('SES_ENDPOINT');
      expect(config.AUTH_JWT_ISSUER).toMatch(/^https:\/\//);
      expect(config.AUTH_JWT_AUDIENCE).toBeTruthy();
      expect(config.AUTH_SERVICE_JWT_ISSUER).toBeTruthy();
      expect(config.AUTH_SERVICE_JWT_ISSUER).not.toBe(config.AUTH_JWT_ISSUER);
      expect(mounted(config.KAFKA_SASL_PASSWORD_FILE)).toBe(true);
      expect(mounted(config.KAFKA_SSL_CA_FILE)).toBe(true);
    },
  );

  it.each(SERVICES)(
    'scales %s on the lag of every topic it consumes, no further than their partitions',
    (service) => {
      const scaledObject = ofKind<ScaledObject>(production, 'ScaledObject').find(
        (s) => s.spec.scaleTargetRef.name === service,
      )!;
      const topics = consumedTopics(service);
      const auth = ofKind<TriggerAuthentication>(production, 'TriggerAuthentication').find(
        (t) => t.metadata.name === scaledObject.spec.triggers[0].authenticationRef.name,
      );

      expect(topics.length).toBeGreaterThan(0);
      expect(scaledObject.spec.triggers.map((trigger) => trigger.metadata.topic).sort()).toEqual(topics);
      for (const trigger of scaledObject.spec.triggers) {
        expect(trigger).toMatchObject({ type: 'kafka', metadata: { consumerGroup: service } });
        expect(trigger.authenticationRef.name).toBe(auth?.metadata.name);
      }
      expect(scaledObject.spec.maxReplicaCount).toBeLessThanOrEqual(
        Math.max(...topics.map((topic) => partitionsOf(production, topic))),
      );
      expect(auth?.spec.secretTargetRef).toContainEqual({
        parameter: 'password',
        name: service,
        key: 'password',
      });
    },
  );

  it('exposes only the public routes through the ingress controller', () => {
    const paths = ofKind(production, 'Ingress').flatMap((ingress) =>
      (
        ingress.spec as {
          rules: { http: { paths: { path: string; backend: { service: { name: string } } }[] } }[];
        }
      ).rules.flatMap((rule) => rule.http.paths.map((p) => `${p.backend.service.name} ${p.path}`)),
    );

    expect(paths.sort()).toEqual(['dispatcher /ses/events', 'preferences /unsubscribe']);
  });

  it('rejects an invalid object, so a clean validation means something', () => {
    const broken = structuredClone<Deployment>(deploymentOf(production, 'dispatcher'));
    (broken.spec as Record<string, unknown>).replicas = 'two';

    expect(validateSchemas([broken])[0].error).toMatch(/replicas/);
  });
});

interface NetworkPolicy extends K8sObject {
  spec: {
    podSelector: { matchLabels: Record<string, string> };
    ingress: { from: Record<string, unknown>[]; ports: { port: string | number }[] }[];
    egress: { to: Record<string, unknown>[]; ports: { port: string | number }[] }[];
  };
}

describe('the support console', () => {
  const local = rendered.get('overlays/local')!;
  const policyOf = (objects: K8sObject[], name: string): NetworkPolicy =>
    ofKind<NetworkPolicy>(objects, 'NetworkPolicy').find((policy) => policy.metadata.name === name)!;

  it('takes its session secret from a Secret the repository holds only for a local cluster', () => {
    const secretNames = (objects: K8sObject[]) =>
      ofKind(objects, 'Secret').map((secret) => secret.metadata.name);
    const deployment = deploymentOf(production, 'console');

    expect(referencedNames(deployment)).toContain('console-secrets');
    expect(secretNames(production).filter((name) => name.startsWith('console-secrets'))).toEqual([]);
    expect(Object.keys(configOf(production, 'console'))).not.toContain('CONSOLE_SESSION_SECRET');
    const localSecret = ofKind(local, 'Secret').find((secret) =>
      secret.metadata.name.startsWith('console-secrets'),
    );
    expect(Object.keys((localSecret as { data?: object } | undefined)?.data ?? {})).toContain(
      'CONSOLE_SESSION_SECRET',
    );
  });

  it('offers the development sign-in on a local cluster only', () => {
    expect(configOf(production, 'console').CONSOLE_DEV_SIGN_IN).toBe('false');
    expect(configOf(local, 'console').CONSOLE_DEV_SIGN_IN).toBe('true');
  });

  it('calls the four services through their Services, and each of them admits the console pods', () => {
    const config = configOf(production, 'console');
    const fromConsole = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'console' } } };

    for (const service of SERVICES) {
      expect(config[`${service.toUpperCase()}_URL`]).toBe(`http://${service}`);
      expect(policyOf(production, service).spec.ingress).toContainEqual({
        from: [fromConsole],
        ports: [{ port: 'http' }],
      });
    }
    const egress = policyOf(production, 'console').spec.egress;
    expect(egress).toContainEqual({
      to: [
        {
          podSelector: {
            matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: [...SERVICES] }],
          },
        },
      ],
      ports: [{ port: 'http' }],
    });
  });

  it('is reached only from the ingress controller and monitoring, and never through a public Ingress route', () => {
    const sources = policyOf(production, 'console').spec.ingress.flatMap((rule) => rule.from);

    expect(sources).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
    expect(ofKind(production, 'Ingress').map((ingress) => ingress.metadata.name)).not.toContain('console');
  });

  it('has a Kafka principal of its own and is not scaled on Kafka lag', () => {
    expect(ofKind(production, 'KafkaUser').map((user) => user.metadata.name)).toContain('console');
    expect(
      ofKind<ScaledObject>(production, 'ScaledObject').filter(
        (s) => s.spec.scaleTargetRef.name === 'console',
      ),
    ).toEqual([]);
  });
});
