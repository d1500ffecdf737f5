/**
 * Extracts the request schemas the mock Mistral server validates against from Mistral's public OpenAPI spec,
 * and writes them as one JSON Schema (2020-12) document to `src/testing/mock-server/openapi-schemas.json`.
 *
 * Usage: `npx tsx scripts/extract-openapi.ts [path/to/mistral-openapi.yaml]`
 * (default: `../shared/fixtures/mistral-openapi.yaml` next to the repository).
 *
 * Only `ChatCompletionRequest`, `FIMCompletionRequest` and the component schemas they reach through `$ref`
 * are kept. The changes made on the way, all needed for a JSON Schema validator (ajv) and none of them
 * loosening a rule:
 * - `#/components/schemas/X` references become `#/$defs/X`;
 * - `description`, `examples` and `x-*` extension keys are dropped (documentation, not validation);
 * - a `oneOf` with a `discriminator` becomes an explicit tagged union (see `convertTaggedUnion`): ajv's own
 *   `discriminator` support accepts neither `mapping` nor a tag declared through `$ref`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

/** The component schemas the mock server validates request bodies against. */
export const rootSchemaNames = ['ChatCompletionRequest', 'FIMCompletionRequest'] as const;

const referencePrefix = '#/components/schemas/';
const droppedKeys = new Set(['description', 'examples']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The generated file: where it came from, and the schemas as one JSON Schema document. */
export interface ExtractedSchemas {
  source: string;
  sha256: string;
  generatedBy: string;
  schema: { $schema: string; $id: string; $defs: Record<string, Json> };
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keywords whose value maps names to schemas: the names are data, never keywords to drop. */
const schemaMaps = new Set(['properties', 'patternProperties', '$defs']);

function convertMap(node: Json, found: Set<string>): Json {
  if (!isObject(node)) return node;
  return Object.fromEntries(Object.entries(node).map(([name, schema]) => [name, convert(schema, found)]));
}

function convert(node: Json, found: Set<string>): Json {
  if (Array.isArray(node)) return node.map((item) => convert(item, found));
  if (!isObject(node)) return node;
  if (isObject(node.discriminator) && Array.isArray(node.oneOf)) return convertTaggedUnion(node, found);
  const result: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (droppedKeys.has(key) || key.startsWith('x-')) continue;
    if (schemaMaps.has(key)) {
      result[key] = convertMap(value, found);
      continue;
    }
    if (key === '$ref' && typeof value === 'string' && value.startsWith(referencePrefix)) {
      const name = value.slice(referencePrefix.length);
      found.add(name);
      result[key] = `#/$defs/${name}`;
    } else {
      result[key] = convert(value, found);
    }
  }
  return result;
}

/**
 * A `oneOf` with a `discriminator` becomes: the tag is required and one of the mapping's keys, and the branch
 * the tag names must match (`if`/`then` per key). That is the discriminator's meaning in OpenAPI, and a
 * validator then reports the errors of the chosen branch only, as the API does.
 */
function convertTaggedUnion(node: { [key: string]: Json }, found: Set<string>): Json {
  const discriminator = node.discriminator as { [key: string]: Json };
  const tag = String(discriminator.propertyName);
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  const branches = Object.entries(mapping).map(([value, reference]) => ({
    if: { properties: { [tag]: { const: value } }, required: [tag] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, never awaited
    then: convert({ $ref: reference }, found),
  }));
  return {
    type: 'object',
    required: [tag],
    properties: { [tag]: { enum: Object.keys(mapping) } },
    allOf: branches,
  };
}

/** Converts the spec's text into the schema document (pure: the same input always gives the same output). */
export function extractOpenApiSchemas(specText: string, sourceName: string): ExtractedSchemas {
  const spec = parse(specText) as { components?: { schemas?: Record<string, Json> } };
  const all = spec.components?.schemas ?? {};
  const definitions: Record<string, Json> = {};
  const pending: string[] = [...rootSchemaNames];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in definitions) continue;
    const schema = all[name];
    if (schema === undefined) throw new Error(`Schema ${name} is referenced but missing from ${sourceName}.`);
    const found = new Set<string>();
    definitions[name] = convert(schema, found);
    pending.push(...found);
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
  return {
    source: sourceName,
    sha256: createHash('sha256').update(specText).digest('hex'),
    generatedBy: 'scripts/extract-openapi.ts',
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'mistral-openapi',
      $defs: sorted,
    },
  };
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the spec is read from by default. */
export const defaultSpecPath = path.resolve(
  repositoryRoot,
  '..',
  'shared',
  'fixtures',
  'mistral-openapi.yaml',
);
/** Where the generated schemas are written. */
export const outputPath = path.resolve(
  repositoryRoot,
  'src',
  'testing',
  'mock-server',
  'openapi-schemas.json',
);

async function main(): Promise<void> {
  const specPath = process.argv[2] ?? defaultSpecPath;
  const extracted = extractOpenApiSchemas(await readFile(specPath, 'utf8'), path.basename(specPath));
  await writeFile(outputPath, `${JSON.stringify(extracted, null, 2)}\n`);
  // Format as the repository's formatter does, so `biome check` stays clean after a re-extraction.
  execFileSync(
    path.resolve(repositoryRoot, 'node_modules', '.bin', 'biome'),
    ['format', '--write', outputPath],
    {
      stdio: 'ignore',
    },
  );
  const count = Object.keys(extracted.schema.$defs).length;
  console.log(`Wrote ${count} schemas from ${specPath} (sha256 ${extracted.sha256}) to ${outputPath}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
