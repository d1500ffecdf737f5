import type { $ZodType } from 'zod/v4/core';
import { toJSONSchema } from 'zod/v4/core';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { UserInputError } from '../errors.js';
import type { JsonSchema } from '../models/types.js';
import { isJsonSchemaParameters } from './json-schema-parameters.js';

// zod-to-json-schema's own parameter type is Zod 3's ZodType; this is the part of it we rely on.
type Zod3Schema = Parameters<typeof zodToJsonSchema>[0];

/**
 * Converts a tool's Zod schema to the JSON Schema sent to the model: Zod 4 schemas (they carry `_zod`) with
 * `toJSONSchema`, Zod 3 schemas (they carry only `_def`) with `zod-to-json-schema`, and `jsonSchema()`
 * parameters as a copy of their schema. Throws a
 * {@link UserInputError} naming `where` when the value is not a Zod schema, cannot be represented, or (for
 * tool parameters) does not have an object root, which Mistral requires.
 */
export function toJsonSchema(schema: unknown, where: string, options: { objectRoot: boolean }): JsonSchema {
  const converted = convert(schema, where);
  delete converted.$schema;
  if (options.objectRoot && converted.type !== 'object') {
    const found = typeof converted.type === 'string' ? converted.type : 'a non-object schema';
    throw new UserInputError(
      'invalid-config',
      `${where} must be a z.object(...) schema, but it is ${found}.`,
      {
        path: where,
        hint: 'Wrap the arguments in z.object({ ... }); Mistral only accepts object parameters.',
      },
    );
  }
  return converted;
}

function convert(schema: unknown, where: string): JsonSchema {
  // Already JSON Schema (jsonSchema()): a copy, so deleting $schema below never touches the caller's object.
  if (isJsonSchemaParameters(schema)) return structuredClone(schema.jsonSchema);
  if (typeof schema !== 'object' || schema === null || !('_def' in schema || '_zod' in schema)) {
    throw new UserInputError('invalid-config', `${where} is not a Zod schema.`, {
      path: where,
      hint: 'Pass a Zod schema, e.g. z.object({ city: z.string() }).',
    });
  }
  try {
    if ('_zod' in schema) {
      // io 'input': the model writes what the schema accepts (before transforms and defaults).
      return toJSONSchema(schema as $ZodType, { io: 'input' }) as JsonSchema;
    }
    return zodToJsonSchema(schema as Zod3Schema, { $refStrategy: 'none' }) as JsonSchema;
  } catch (error) {
    throw new UserInputError('invalid-config', `${where} cannot be converted to JSON Schema.`, {
      path: where,
      cause: error,
      hint: 'Use only JSON-representable types (no z.date(), z.bigint(), transforms without input types).',
    });
  }
}
