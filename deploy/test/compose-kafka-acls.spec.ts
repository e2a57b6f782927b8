import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './support/compose';

// The compose setup script cannot read YAML inside the Kafka image, so it spells the ACLs out again; this keeps it
// granting exactly what kafka-users.yaml (the one declaration Strimzi and the local broker apply) grants.

interface KafkaUserDocument {
  metadata: { name: string };
  spec: {
    authorization: {
      acls: { resource: { type: string; name?: string; patternType?: string }; operations: string[] }[];
    };
  };
}

/** `type:name`, with `*` after a prefix pattern. */
const resourceOf = ({
  type,
  name,
  patternType,
}: {
  type: string;
  name?: string;
  patternType?: string;
}): string => `${type}:${name}${patternType === 'prefix' ? '*' : ''}`;

/**
 * Grants as `principal resource-type:name Operation`, leaving out what every topic grant of the script implies
 * (Describe); Describe alone on a consumer group is a grant of its own.
 */
function declaredGrants(): { principals: string[]; grants: string[] } {
  const users = parseAllDocuments(
    readFileSync(path.join(ROOT, 'deploy/k8s/kafka/kafka-users.yaml'), 'utf8'),
  ).map((document) => document.toJS() as KafkaUserDocument);
  const grants = users.flatMap((user) =>
    user.spec.authorization.acls
      // IdempotentWrite is implied by Write on a topic since Kafka 2.8 (KIP-679); the script does not grant it.
      .filter((acl) => acl.resource.type !== 'cluster')
      .flatMap((acl) =>
        acl.operations
          .filter((operation) => operation !== 'Describe' || acl.resource.type === 'group')
          .map((operation) => `${user.metadata.name} ${resourceOf(acl.resource)} ${operation}`),
      ),
  );
  return { principals: users.map((user) => user.metadata.name).sort(), grants: grants.sort() };
}

/** The same, read from the `user`, `acl` and `group` calls of the compose setup script. */
function scriptGrants(script: string): { principals: string[]; grants: string[] } {
  const calls = script
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const principals = calls.filter(([command]) => command === 'user').map(([, name]) => name);
  const grants = calls.flatMap(([command, principal, ...rest]) => {
    switch (command) {
      case 'acl': {
        const [operation, ...topics] = rest;
        return topics.map((topic) => `${principal} topic:${topic} ${operation}`);
      }
      case 'group':
        return [`${principal} group:${principal} Read`];
      case 'group_prefix':
        return [`${principal} group:${principal}-* Read`];
      case 'describe_groups':
        return rest.map((group) => `${principal} group:${group} Describe`);
      default:
        return [];
    }
  });
  return { principals: principals.sort(), grants: grants.sort() };
}

const setupScript = readFileSync(path.join(ROOT, 'deploy/compose/kafka-setup.sh'), 'utf8');

describe('compose Kafka setup', () => {
  it('creates every principal of kafka-users.yaml, the console included, and grants exactly their ACLs', () => {
    const declared = declaredGrants();

    expect(scriptGrants(setupScript)).toEqual(declared);
    expect(declared.principals).toContain('console');
    expect(declared.grants).toEqual(
      expect.arrayContaining(['console group:console-* Read', 'console group:dispatcher Describe']),
    );
  });

  it('notices a grant the declaration does not make', () => {
    const widened = `${setupScript}\nacl platform Read communities.events.v1\n`;

    expect(scriptGrants(widened).grants).toContain('platform topic:communities.events.v1 Read');
    expect(declaredGrants().grants).not.toContain('platform topic:communities.events.v1 Read');
  });
});
