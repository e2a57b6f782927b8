import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, IsDefined, IsString, validate } from 'class-validator';
import { sampleEventData } from '../../test/support/sample-event-data';
import { EVENT_CATALOG } from '../event-catalog';
import { ALL_EVENT_TYPES, EventTypes, type EventType } from '../event-types';
import { CommentCreatedData, MentionCreatedData } from '../payloads/platform.data';
import { UserRef } from '../payloads/shared.data';
import { readValidPayload } from './payload-reader';

type PayloadClass = new () => object;

/** The full pass the reader must agree with: class-transformer, then class-validator as the consumers configure it. */
async function fullPass(payloadClass: PayloadClass, data: unknown): Promise<object | undefined> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return undefined;
  }
  const instance = plainToInstance<object, unknown>(payloadClass, data);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: false,
    forbidUnknownValues: true,
  });
  return errors.length === 0 ? instance : undefined;
}

const LONG = 'x'.repeat(5000);
const REPLACEMENTS: unknown[] = [
  null,
  '',
  ' ',
  'x',
  LONG,
  'nul\u0000inside',
  'tab\tand\nline',
  'bell\u0007',
  'https://example.org/a?b=c',
  'http://localhost:3000/x',
  'ftp://example.org/',
  'not a url',
  'someone@example.org',
  'someone@',
  '2025-03-01T09:30:00Z',
  '2025-02-30T09:30:00Z',
  '2025-03-01 09:30',
  'Europe/Paris',
  '+01:00',
  'fr',
  'de-AT',
  'daily',
  'never',
  0,
  7,
  -1,
  1.5,
  true,
  false,
  {},
  [],
  ['x'],
  ['x', 'x', 'y'],
  [{}],
  [null],
  { userId: 'u-1', displayName: 'Ann' },
  [{ userId: 'u-1', displayName: 'Ann', contactEmail: 'ann@example.org' }],
];

function withValueAt(data: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) {
    parent = parent[step] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined && Array.isArray(parent)) {
    parent.splice(Number(last), 1);
  } else if (value === undefined) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, index) => index)
    : Object.keys(value);
  return keys.flatMap((key) => [
    [...prefix, key],
    ...pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]),
  ]);
}

function candidatesFor(type: EventType): unknown[] {
  const sample = sampleEventData(type) as unknown as Record<string, unknown>;
  const declared = getMetadataStorage()
    .getTargetValidationMetadatas(EVENT_CATALOG[type].payload as PayloadClass, '', false, false)
    .map(({ propertyName }) => [propertyName]);
  const paths = [...pathsOf(sample), ...declared];
  return [
    sample,
    ...paths.flatMap((path) => [undefined, ...REPLACEMENTS].map((value) => withValueAt(sample, path, value))),
    { ...sample, unknownField: { deep: true } },
    JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(sample).slice(1)}`),
    { ...sample, constructor: 'x', toString: 'y' },
    null,
    [],
    'text',
    5,
  ];
}

describe('readValidPayload', () => {
  it.each(ALL_EVENT_TYPES)(
    'accepts exactly what the full pass accepts for %s, as the same instance',
    async (type) => {
      const payloadClass = EVENT_CATALOG[type].payload as PayloadClass;
      const disagreements: string[] = [];
      let accepted = 0;
      const candidates = candidatesFor(type);
      for (const candidate of candidates) {
        const expected = await fullPass(payloadClass, structuredClone(candidate));
        const read = readValidPayload(payloadClass, structuredClone(candidate));
        if ((read === undefined) !== (expected === undefined)) {
          disagreements.push(`${JSON.stringify(candidate)}: full pass ${expected ? 'accepts' : 'refuses'}`);
        } else if (read !== undefined) {
          accepted += 1;
          expect(read).toStrictEqual(expected);
          expect(read).toBeInstanceOf(payloadClass);
        }
      }

      expect(disagreements).toEqual([]);
      expect(accepted).toBeGreaterThan(1);
      expect(accepted).toBeLessThan(candidates.length / 2);
    },
    30_000,
  );

  it('builds nested classes, applies transforms and drops fields no rule names', () => {
    const data = {
      ...sampleEventData(EventTypes.CommentCreated),
      recipientUserIds: ['u-2', 'u-2', 'u-3'],
      excerpt: null,
      extra: 'dropped',
    };

    const read = readValidPayload(CommentCreatedData, data);

    expect(read).toBeInstanceOf(CommentCreatedData);
    expect(read?.actor).toBeInstanceOf(UserRef);
    expect(read?.recipientUserIds).toEqual(['u-2', 'u-3']);
    expect(read).toHaveProperty('excerpt', undefined);
    expect(read).not.toHaveProperty('extra');
  });

  it('leaves a payload that breaks a rule to the full pass', () => {
    const data = sampleEventData(EventTypes.MentionCreated);

    expect(readValidPayload(MentionCreatedData, { ...data, mentionId: ' ' })).toBeUndefined();
    expect(readValidPayload(MentionCreatedData, { ...data, actor: 'someone' })).toBeUndefined();
    expect(readValidPayload(MentionCreatedData, Object.create(data) as unknown)).toBeUndefined();
  });

  it('leaves classes with rules it does not interpret to the full pass', () => {
    class WithDefined {
      @IsDefined()
      @IsString()
      name!: string;
    }
    class WithoutRules {
      name!: string;
    }
    class WithUnruledDefault {
      @IsString()
      name!: string;

      origin = 'constructor';
    }

    expect(readValidPayload(WithDefined, { name: 'x' })).toBeUndefined();
    expect(readValidPayload(WithoutRules, { name: 'x' })).toBeUndefined();
    expect(readValidPayload(WithUnruledDefault, { name: 'x' })).toBeUndefined();
  });

  it('skips the transforms of a group, as plainToInstance given no groups does', async () => {
    class WithGroupTransform {
      @IsString()
      @Transform(() => 'for admins', { groups: ['admin'] })
      name!: string;
    }

    const read = readValidPayload(WithGroupTransform, { name: 'x' });

    expect(read).toStrictEqual(await fullPass(WithGroupTransform, { name: 'x' }));
    expect(read?.name).toBe('x');
  });
});
