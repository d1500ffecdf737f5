/**
 * Checks a tool's parameter schema against the draft-07 metaschema's keyword types, as Mistral does before
 * accepting a tool (mistral-common runs `Draft7Validator.check_schema`; the API answers 400 "Invalid tool
 * schema", rule R16 in docs/mistral-wire-rules.md).
 *
 * Why not ajv here: loading and compiling ajv's metaschema costs 100-800 ms on this machine, on the import
 * path of every agent. The metaschema's rules for keyword values are few and stable, so this file states them
 * as data; the mock server checks the same bodies with ajv and the real draft-07 metaschema, and the property
 * test in tests/models/mistral compares the two.
 * @module
 */

type Check = (value: unknown, path: string) => string | undefined;

const SIMPLE_TYPES = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (path: string, expected: string) => `${path} must be ${expected}`;

const string: Check = (value, path) => (typeof value === 'string' ? undefined : fail(path, 'a string'));
const number: Check = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : fail(path, 'a number');
const boolean: Check = (value, path) => (typeof value === 'boolean' ? undefined : fail(path, 'a boolean'));
const count: Check = (value, path) =>
  Number.isInteger(value) && (value as number) >= 0 ? undefined : fail(path, 'a whole number >= 0');
const positive: Check = (value, path) =>
  typeof value === 'number' && value > 0 ? undefined : fail(path, 'a number > 0');
const array: Check = (value, path) => (Array.isArray(value) ? undefined : fail(path, 'an array'));
const regex: Check = (value, path) => {
  if (typeof value !== 'string') return fail(path, 'a regular expression string');
  try {
    new RegExp(value);
    return undefined;
  } catch {
    return fail(path, 'a valid regular expression');
  }
};
const stringArray: Check = (value, path) => {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    return fail(path, 'an array of strings');
  return new Set(value).size === value.length ? undefined : fail(path, 'an array of unique strings');
};
const typeName: Check = (value, path) => {
  if (typeof value === 'string') return SIMPLE_TYPES.has(value) ? undefined : fail(path, 'a JSON type name');
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'string' && SIMPLE_TYPES.has(item)) &&
    new Set(value).size === value.length;
  return ok ? undefined : fail(path, 'a JSON type name or a non-empty array of unique ones');
};
const schema: Check = (value, path) => {
  if (typeof value === 'boolean') return undefined;
  if (!isObject(value)) return fail(path, 'a schema (an object or a boolean)');
  for (const [keyword, child] of Object.entries(value)) {
    const problem = KEYWORDS[keyword]?.(child, `${path}.${keyword}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
};
const schemaArray: Check = (value, path) => {
  if (!Array.isArray(value) || value.length === 0) return fail(path, 'a non-empty array of schemas');
  for (const [index, item] of value.entries()) {
    const problem = schema(item, `${path}[${index}]`);
    if (problem !== undefined) return problem;
  }
  return undefined;
};
const schemaMap =
  (keyCheck?: Check): Check =>
  (value, path) => {
    if (!isObject(value)) return fail(path, 'an object of schemas');
    for (const [key, child] of Object.entries(value)) {
      const problem =
        keyCheck?.(key, `${path} key ${JSON.stringify(key)}`) ?? schema(child, `${path}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
const items: Check = (value, path) => (Array.isArray(value) ? schemaArray(value, path) : schema(value, path));
const dependencies: Check = (value, path) => {
  if (!isObject(value)) return fail(path, 'an object');
  for (const [key, child] of Object.entries(value)) {
    const problem = Array.isArray(child)
      ? stringArray(child, `${path}.${key}`)
      : schema(child, `${path}.${key}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
};

/** The draft-07 metaschema's constraint on each keyword's value. Unknown keywords pass, as in draft-07. */
const KEYWORDS: Record<string, Check> = {
  $id: string,
  $schema: string,
  $ref: string,
  $comment: string,
  title: string,
  description: string,
  readOnly: boolean,
  examples: array,
  multipleOf: positive,
  maximum: number,
  exclusiveMaximum: number,
  minimum: number,
  exclusiveMinimum: number,
  maxLength: count,
  minLength: count,
  pattern: regex,
  additionalItems: schema,
  items,
  maxItems: count,
  minItems: count,
  uniqueItems: boolean,
  contains: schema,
  maxProperties: count,
  minProperties: count,
  required: stringArray,
  additionalProperties: schema,
  definitions: schemaMap(),
  properties: schemaMap(),
  patternProperties: schemaMap(regex),
  dependencies,
  propertyNames: schema,
  enum: array,
  type: typeName,
  format: string,
  contentMediaType: string,
  contentEncoding: string,
  if: schema,
  // A keyword named `then` is what draft-07 calls it; this table is never awaited.
  // biome-ignore lint/suspicious/noThenProperty: the draft-07 keyword
  then: schema,
  else: schema,
  allOf: schemaArray,
  anyOf: schemaArray,
  oneOf: schemaArray,
  not: schema,
};

/**
 * The first way `parameters` breaks the draft-07 metaschema, as a sentence naming the keyword's path
 * (`parameters.properties.age.exclusiveMinimum must be a number`), or `undefined` when it is valid.
 * @example findSchemaProblem({ type: 'object', properties: { n: { minimum: '1' } } }, 'parameters')
 * // 'parameters.properties.n.minimum must be a number'
 */
export function findSchemaProblem(parameters: unknown, path = 'parameters'): string | undefined {
  return schema(parameters, path);
}
