import type { JsonSchema } from '../models/types.js';

// Keywords that identify or annotate a schema document rather than describe a value; Mistral's function
// parameters are a single self-contained schema, so these are dropped (definitions are inlined first).
const DROPPED = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$dynamicRef',
  '$vocabulary',
  '$comment',
  '$defs',
  'definitions',
]);

/**
 * An MCP tool's `inputSchema` as a schema Mistral accepts: local `$ref`s (`#/$defs/...`, `#/definitions/...`,
 * any JSON pointer into the document) inlined, document keywords (`$schema`, `$id`, `$defs`, ...) removed,
 * and a root that is always `type: "object"` with `properties`. A recursive reference is inlined once and
 * then left open (`{}`), and a reference that cannot be resolved becomes `{}`: the model may send any value
 * there, and argument validation still runs against the original schema. Never mutates its input.
 */
export function normalizeSchema(schema: unknown): JsonSchema {
  const root = isObject(schema) ? schema : {};
  const inlined = inline(root, root, []) as JsonSchema;
  if (inlined.type === undefined) inlined.type = 'object';
  if (inlined.type === 'object' && !isObject(inlined.properties)) inlined.properties = {};
  return inlined;
}

function inline(value: unknown, root: JsonSchema, trail: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => inline(item, root, trail));
  if (!isObject(value)) return value;
  const ref = value.$ref;
  if (typeof ref === 'string') {
    const { $ref: _ignored, ...siblings } = value;
    const target = ref.startsWith('#') && !trail.includes(ref) ? resolvePointer(root, ref) : undefined;
    const resolved = target === undefined ? {} : inline(target, root, [...trail, ref]);
    return { ...(resolved as JsonSchema), ...(inline(siblings, root, trail) as JsonSchema) };
  }
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(value)) {
    if (DROPPED.has(key)) continue;
    // `properties` maps names to schemas: a property may be called "$id" and must survive.
    out[key] =
      key === 'properties' && isObject(child) ? inlineEach(child, root, trail) : inline(child, root, trail);
  }
  return out;
}

function inlineEach(properties: JsonSchema, root: JsonSchema, trail: readonly string[]): JsonSchema {
  const out: JsonSchema = {};
  for (const [name, child] of Object.entries(properties)) out[name] = inline(child, root, trail);
  return out;
}

function resolvePointer(root: JsonSchema, ref: string): unknown {
  let current: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
