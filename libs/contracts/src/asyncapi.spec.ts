import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AsyncAPIDocumentInterface,
  ChannelInterface,
  DiagnosticSeverity,
  MessageInterface,
  OperationInterface,
  Parser,
  SchemaInterface,
} from '@asyncapi/parser';
import { plainToInstance } from 'class-transformer';
import {
  ALL_EVENT_TYPES,
  ALL_TOPICS,
  DEAD_LETTER_REASONS,
  DeadLetterHeaders,
  deadLetterTopic,
  encodeBinary,
  EVENT_CATALOG,
  EventType,
  eventKey,
  isEventType,
} from './index';
import { SchemaFacts, expectedSchemaFacts, sorted, withoutUndefined } from '../test/support/schema-facts';
import { validationRulesOf } from '../test/support/validation-rules';
import { sampleCloudEvent, sampleEventData } from '../test/support/sample-event-data';

function actualFacts(schema: SchemaInterface, nested: boolean): SchemaFacts {
  const items = schema.items();
  const enumValues = schema.enum();
  return withoutUndefined({
    type: schema.type(),
    format: schema.format(),
    enum: enumValues && sorted(enumValues),
    maxLength: schema.maxLength(),
    minimum: schema.minimum(),
    minItems: schema.minItems(),
    maxItems: schema.maxItems(),
    items:
      schema.type() === 'array' && !nested && items && !Array.isArray(items)
        ? withoutUndefined({ type: items.type(), maxLength: items.maxLength() })
        : undefined,
  });
}

/** Compares a payload schema with the class of `instance`, recursing into nested objects. */
function expectSchemaToMatchClass(schema: SchemaInterface, instance: object, path: string): void {
  const rules = validationRulesOf(instance.constructor as new () => object);
  const properties = schema.properties() ?? {};
  const required = [...rules].filter(([, rule]) => !rule.optional).map(([name]) => name);
  expect({ path, properties: sorted(Object.keys(properties)) }).toEqual({
    path,
    properties: sorted(rules.keys()),
  });
  expect({ path, required: sorted(schema.required() ?? []) }).toEqual({ path, required: sorted(required) });

  for (const [name, rule] of rules) {
    const propertySchema = properties[name];
    const propertyPath = `${path}.${name}`;
    expect({ propertyPath, ...actualFacts(propertySchema, rule.nested) }).toEqual({
      propertyPath,
      ...expectedSchemaFacts(rule),
    });
    if (rule.nested) {
      const value = (instance as Record<string, unknown>)[name];
      if (Array.isArray(value)) {
        expectSchemaToMatchClass(
          propertySchema.items() as SchemaInterface,
          value[0] as object,
          `${propertyPath}[]`,
        );
      } else {
        expectSchemaToMatchClass(propertySchema, value as object, propertyPath);
      }
    }
  }
}

function cloudEventTypeOf(message: MessageInterface): unknown {
  const headerSchemas = message.headers()?.allOf() ?? [];
  const types: unknown[] = headerSchemas.map((schema): unknown => schema.properties()?.ce_type?.const());
  return types.find((type) => type !== undefined);
}

describe('asyncapi.yaml', () => {
  let document: AsyncAPIDocumentInterface;

  const channelAt = (address: string): ChannelInterface => {
    const channel = document
      .channels()
      .all()
      .find((candidate) => candidate.address() === address);
    if (!channel) {
      throw new Error(`no channel for ${address}`);
    }
    return channel;
  };

  const messageOf = (type: EventType): MessageInterface | undefined =>
    channelAt(EVENT_CATALOG[type].topic)
      .messages()
      .all()
      .find((message) => cloudEventTypeOf(message) === type);

  beforeAll(async () => {
    const text = readFileSync(join(__dirname, '..', 'asyncapi.yaml'), 'utf8');
    const { document: parsed, diagnostics } = await new Parser().parse(text);
    const errors = diagnostics.filter(
      (diagnostic) => Number(diagnostic.severity) === Number(DiagnosticSeverity.Error),
    );
    if (!parsed || errors.length > 0) {
      const details = errors.map((error) => `${error.path.join('.')}: ${error.message}`).join('\n');
      throw new Error(`asyncapi.yaml does not parse:\n${details}`);
    }
    document = parsed;
  });

  it('is an AsyncAPI 3 document', () => {
    expect(document.version()).toMatch(/^3\./);
  });

  it('has exactly one channel per topic and per dead-letter topic', () => {
    const addresses = document
      .channels()
      .all()
      .map((channel) => channel.address());
    expect(sorted(addresses)).toEqual(sorted([...ALL_TOPICS, ...ALL_TOPICS.map(deadLetterTopic)]));
  });

  it.each(ALL_EVENT_TYPES)(
    'documents %s on the channel of its topic, named by its CloudEvents type',
    (type) => {
      expect(messageOf(type)?.name()).toBe(type);
    },
  );

  it('documents no event type that is missing from the catalog or on another topic', () => {
    for (const topic of ALL_TOPICS) {
      for (const message of channelAt(topic).messages().all()) {
        const type = cloudEventTypeOf(message);
        expect({ topic, type, known: typeof type === 'string' && isEventType(type) }).toEqual({
          topic,
          type,
          known: true,
        });
        expect(EVENT_CATALOG[type as EventType].topic).toBe(topic);
      }
    }
  });

  it.each(ALL_EVENT_TYPES)('describes the payload of %s exactly as its class validates it', (type) => {
    const instance = plainToInstance(EVENT_CATALOG[type].payload as new () => object, sampleEventData(type));
    expectSchemaToMatchClass(messageOf(type)!.payload()!, instance, type);
  });

  it.each(ALL_EVENT_TYPES)('names the Kafka key field of %s as the catalog does', (type) => {
    const key = messageOf(type)!.bindings().get('kafka')?.value<{ key?: Record<string, unknown> }>().key;
    expect(key?.['x-key-field']).toBe(EVENT_CATALOG[type].keyField);
    expect(eventKey(type, sampleEventData(type))).toEqual(expect.any(String));
  });

  it.each(ALL_EVENT_TYPES)('documents every header the binary encoding of %s writes', (type) => {
    const event = sampleCloudEvent(type, {
      subject: 'sample',
      traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
    });
    const { headers } = encodeBinary(event, eventKey(type, event.data));
    const [envelope] = messageOf(type)!.headers()!.allOf()!;
    expect(sorted(Object.keys(headers))).toEqual(
      sorted(Object.keys(envelope.properties()!).filter((name) => name !== 'ce_traceparent')),
    );
    for (const name of envelope.required() ?? []) {
      expect(headers[name]).toEqual(expect.any(String));
    }
    expect(headers['content-type']).toBe(envelope.properties()!['content-type'].const());
  });

  it.each(ALL_TOPICS)('documents the dead-letter headers and reasons on %s.dlq', (topic) => {
    const [message] = channelAt(deadLetterTopic(topic)).messages().all();
    const headers = message.headers()!;
    const names = sorted(Object.values(DeadLetterHeaders));
    expect(sorted(Object.keys(headers.properties() ?? {}))).toEqual(names);
    expect(sorted(headers.required() ?? [])).toEqual(names);
    expect(sorted(headers.properties()![DeadLetterHeaders.Reason].enum() ?? [])).toEqual(
      sorted(DEAD_LETTER_REASONS),
    );
  });

  it.each(ALL_TOPICS)('names who sends and who receives %s, and who dead-letters it', (topic) => {
    const actionsOn = (address: string): string[] =>
      document
        .operations()
        .all()
        .filter((operation) =>
          operation
            .channels()
            .all()
            .some((channel) => channel.address() === address),
        )
        .map((operation) => operation.action());
    expect(new Set(actionsOn(topic))).toEqual(new Set(['send', 'receive']));
    expect(actionsOn(deadLetterTopic(topic))).toContain('send');
  });

  it('has every service that receives a topic dead-letter that topic, and nothing else', () => {
    const byService = (action: 'send' | 'receive', address: (operation: OperationInterface) => string) =>
      document
        .operations()
        .all()
        .filter((operation) => operation.action() === action)
        .flatMap((operation) =>
          operation
            .tags()
            .all()
            .map((tag) => `${tag.name()} ${address(operation)}`),
        );
    const addressOf = (operation: OperationInterface): string =>
      operation.channels().all()[0].address() ?? '';

    const deadLetterSenders = byService('send', addressOf).filter((entry) => entry.endsWith('.dlq'));
    const receivers = byService('receive', (operation) => deadLetterTopic(addressOf(operation)));

    expect(sorted(deadLetterSenders)).toEqual(sorted(receivers));
  });

  it.each(ALL_EVENT_TYPES)('describes the Kafka key of %s', (type) => {
    const key = messageOf(type)!.bindings().get('kafka')?.value<{ key?: { description?: string } }>().key;
    expect(key?.description).toEqual(expect.stringContaining(`data.${EVENT_CATALOG[type].keyField}`));
  });
});
