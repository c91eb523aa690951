import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from 'graphql';
import { makeResidentId } from '../src/domain/identifiers/resident-id.js';
import { NODE_TYPES, type NodeTypeName } from '../src/graphql/global-id.js';
import type { RootOperation } from './schema-operations.js';

/**
 * Schema-valid but hostile arguments for any operation, derived from the schema's own argument and
 * input types (so a new mutation is fuzzed without a line here): every value has the GraphQL type the
 * schema asks for, and is otherwise chosen to hurt — huge, empty, control characters, lone surrogates,
 * right-to-left marks, SQL and template syntax, dates far in the past and future, extreme numbers,
 * IDs of other types, of objects that do not exist or of another alliance. Field-name hints add a few
 * plausible values (a valid resident ID, an ICD-10 code...) so that checks further in are reached too.
 */

/** Real objects to point IDs at, by node type. */
export interface IdPool {
  readonly ids: Readonly<Partial<Record<NodeTypeName, readonly string[]>>>;
}

const SQL_LIKE = [
  "'; DROP TABLE referral; --",
  "1' OR '1'='1",
  "' UNION SELECT resident_id_encrypted FROM patient --",
  "'); SELECT pg_sleep(10); --",
  '%',
  '_',
  '\\',
  '$1',
  '\\x00',
];

const AWKWARD = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\r\n',
  '\u202Eevil',
  '\uFEFF',
  '\uD800',
  '\uDFFF\uD800',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '../../../etc/passwd',
  '张'.repeat(3000),
  '💥'.repeat(600),
];

const DATES = [
  '0001-01-01',
  '9999-12-31',
  '1900-01-01',
  '2026-02-30',
  '2026-13-01',
  '20261124',
  '-001000-01-01',
  '+275760-09-13',
  '1969-12-31T23:59:59Z',
];

/** Plausible values by the argument's or input field's name, so validation further in gets exercised. */
const HINTS: [RegExp, readonly string[]][] = [
  [/residentId/, [makeResidentId('331202', '1980-02-29', 11), makeResidentId('110105', '1949-10-01', 2)]],
  [/birthDate|date/i, ['1980-02-29', '1949-10-01', '2026-11-23', new Date().toISOString().slice(0, 10)]],
  [/diagnosisCode|codes/, ['I20.0', 'I21.9', 'J44.1', 'E11.9', 'i20', 'Z99', 'A00.0']],
  [/phone/, ['13912345678', '+86 139 1234 5678', '12345']],
  [/sex/, ['M', 'F', 'm', 'X']],
  [/firstSlotTime/, ['08:00', '23:59', '24:00', '7:5']],
  [/username/, ['coordinator', 'gp.chc1', 'ADMIN ']],
  [/password/, ['yilian-demo']],
  [/resources/, ['P-CORE-CARD-03', 'CT-1']],
  [/idempotencyKey/, ['k', 'retry-1']],
];

const hugeString = fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'x'.repeat(n));

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL_LIKE, ...AWKWARD, ...DATES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

const int32 = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 4, 5, 59, 60, 1440, 1441, 2 ** 31 - 1, -(2 ** 31)),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);

const dateTime = fc.oneof(
  fc.constantFrom('0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00+14:00'),
  fc
    .date({ min: new Date(-62_135_596_800_000), max: new Date(253_402_300_799_999), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constant(new Date().toISOString()),
);

/**
 * The node type an ID argument names: `bedId` a Bed, `toInstitutionId` an Institution; a bare `id` the
 * type the operation answers (acceptReferral(id) a Referral).
 */
function nodeTypeOf(name: string, answers: string): NodeTypeName | undefined {
  const stem = name === 'id' ? answers : name.replace(/^(to|from)(?=[A-Z])/, '').replace(/Id$/, '');
  const type = stem.charAt(0).toUpperCase() + stem.slice(1);
  return (NODE_TYPES as readonly string[]).includes(type) ? (type as NodeTypeName) : undefined;
}

function id(pool: IdPool, type: NodeTypeName | undefined): fc.Arbitrary<string> {
  const all = Object.values(pool.ids).flat();
  const fitting = (type && pool.ids[type]) || all;
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...fitting) },
    { weight: 2, arbitrary: fc.constantFrom(...all) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...NODE_TYPES)
        .map((type) => Buffer.from(`${type}:${randomUUID()}`).toString('base64url')),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...NODE_TYPES)
        .map((t) => Buffer.from(`${t}:1 OR 1=1`).toString('base64url')),
    },
    { weight: 2, arbitrary: hostileString },
  );
}

function stringFor(name: string): fc.Arbitrary<string> {
  const hints = HINTS.filter(([pattern]) => pattern.test(name)).flatMap(([, values]) => values);
  return hints.length > 0
    ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...hints) }, { weight: 1, arbitrary: hostileString })
    : hostileString;
}

/** Values of `type` (named `name` where it is an argument or input field), hostile within the schema. */
export function hostileValue(
  type: GraphQLInputType,
  name: string,
  pool: IdPool,
  answers = '',
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return nonNullValue(type.ofType, name, pool, answers);
  return fc.option(nonNullValue(type, name, pool, answers), { nil: null, freq: 6 });
}

function nonNullValue(
  type: GraphQLInputType,
  name: string,
  pool: IdPool,
  answers: string,
): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const element = hostileValue(type.ofType, name, pool, answers);
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(element, { maxLength: 4 }) },
      // Many of one small value: the count is what hurts here, not the size of the body.
      {
        weight: 1,
        arbitrary: element
          .filter((e) => JSON.stringify(e ?? null).length < 200)
          .chain((e) => fc.integer({ min: 400, max: 700 }).map((n) => Array.from({ length: n }, () => e))),
      },
    );
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(
      Object.fromEntries(fields.map((f) => [f.name, hostileValue(f.type, f.name, pool, answers)])),
      {
        requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
      },
    );
  }
  switch (type.name) {
    case 'Int':
      return int32;
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return id(pool, nodeTypeOf(name, answers));
    case 'DateTime':
      return dateTime;
    default:
      return stringFor(name);
  }
}

/** Arguments for one call of `operation`: required ones always, optional ones sometimes. */
export function hostileArguments(
  operation: RootOperation,
  pool: IdPool,
): fc.Arbitrary<Record<string, unknown>> {
  const args = operation.field.args;
  const answers = getNamedType(operation.field.type).name;
  return fc.record(
    Object.fromEntries(args.map((a) => [a.name, hostileValue(a.type, a.name, pool, answers)])),
    {
      requiredKeys: args.filter((a) => isNonNullType(a.type)).map((a) => a.name),
    },
  ) as fc.Arbitrary<Record<string, unknown>>;
}

/** Every string inside a value: what an answer may legitimately quote back. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The values every operation is always called with, whatever the random runs draw. */
const EDGE_TEXTS = ['\u0000', '', "'; DROP TABLE referral; --", 'x'.repeat(20_000), '\uD800'];
const EDGE_INTS = [-(2 ** 31), 2 ** 31 - 1, 0];
const EDGE_DATES = ['9999-12-31T23:59:59.999Z', '0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z'];

function edgeValue(type: GraphQLInputType, name: string, pool: IdPool, answers: string, i: number): unknown {
  if (isNonNullType(type)) return edgeValue(type.ofType, name, pool, answers, i);
  if (isListType(type)) return [edgeValue(type.ofType, name, pool, answers, i)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields()).map((f) => [f.name, edgeValue(f.type, f.name, pool, answers, i)]),
    );
  }
  switch (type.name) {
    case 'Int':
      return EDGE_INTS[i % EDGE_INTS.length];
    case 'Float':
      return -Number.MAX_VALUE;
    case 'Boolean':
      return i % 2 === 0;
    case 'DateTime':
      return EDGE_DATES[i % EDGE_DATES.length];
    case 'ID': {
      const type = nodeTypeOf(name, answers);
      return (type && pool.ids[type]?.[0]) ?? EDGE_TEXTS[i];
    }
    default:
      return EDGE_TEXTS[i];
  }
}

/**
 * One call per edge text: every argument and input field present, every text that one value (a NUL,
 * nothing, SQL, 20,000 characters, a lone surrogate), numbers and dates at their extremes, IDs of real
 * objects of the right type so the text reaches the write.
 */
export function edgeArguments(operation: RootOperation, pool: IdPool): Record<string, unknown>[] {
  const answers = getNamedType(operation.field.type).name;
  return EDGE_TEXTS.map((_, i) =>
    Object.fromEntries(
      operation.field.args.map((a) => [a.name, edgeValue(a.type, a.name, pool, answers, i)]),
    ),
  );
}
