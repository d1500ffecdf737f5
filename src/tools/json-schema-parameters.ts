import type { JsonSchema } from '../models/types.js';

/** One problem found in a tool's arguments: what is wrong and where (property names and array indexes). */
export interface ArgumentIssue {
  message: string;
  path: ReadonlyArray<PropertyKey>;
}

/** Checks parsed arguments; returns the (possibly coerced) value, or the issues that make them unusable. */
export type ArgumentValidator<Args> = (
  value: unknown,
) => { value: Args } | { issues: readonly ArgumentIssue[] };

/**
 * Tool parameters given as a plain JSON Schema instead of a Zod schema: what {@link jsonSchema} returns.
 * It is a Standard Schema, so the agent loop validates arguments with it exactly as with Zod.
 */
export interface JsonSchemaParameters<Args = unknown> {
  /** The JSON Schema sent to the model, as given (its root must be `type: "object"`). */
  readonly jsonSchema: JsonSchema;
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: 'dragoman';
    readonly validate: ArgumentValidator<Args>;
    readonly types?: { readonly input: Args; readonly output: Args } | undefined;
  };
}

/**
 * Declares tool parameters with a JSON Schema, for tools whose schema comes from elsewhere (an MCP server,
 * an OpenAPI document). Without `validate`, any JSON object passes and the tool checks its own input.
 * @example
 * const search = tool({
 *   description: 'Search the docs.',
 *   parameters: jsonSchema<{ query: string }>({ type: 'object', properties: { query: { type: 'string' } } }),
 *   execute: ({ query }) => find(query),
 * });
 */
export function jsonSchema<Args = Record<string, unknown>>(
  schema: JsonSchema,
  options: { validate?: ArgumentValidator<Args> } = {},
): JsonSchemaParameters<Args> {
  const validate = options.validate ?? ((value: unknown) => ({ value: value as Args }));
  return Object.freeze({
    jsonSchema: schema,
    '~standard': Object.freeze({ version: 1, vendor: 'dragoman', validate }),
  });
}

/** True for parameters made by {@link jsonSchema}. */
export function isJsonSchemaParameters(value: unknown): value is JsonSchemaParameters {
  return (
    typeof value === 'object' &&
    value !== null &&
    'jsonSchema' in value &&
    typeof value.jsonSchema === 'object' &&
    (value as { '~standard'?: { vendor?: unknown } })['~standard']?.vendor === 'dragoman'
  );
}
