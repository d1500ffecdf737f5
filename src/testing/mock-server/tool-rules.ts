import type { ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import type { MockErrorResponse } from './error-bodies.js';
import { functionNameError, invalidToolSchemaError } from './rule-errors.js';
import type { MockRequestBody } from './types.js';

const functionName = /^[a-zA-Z0-9_-]{1,64}$/;

let metaschema: ValidateFunction | undefined;
/**
 * The draft-07 metaschema as a plain schema, so ajv also checks `format: regex` on `pattern` (python-jsonschema's
 * `check_schema` does; ajv skips formats inside a registered metaschema). Compiled once per process.
 */
function draft07Validator(): ValidateFunction {
  if (metaschema !== undefined) return metaschema;
  const isRegex = (text: string) => {
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  };
  const ajv = new Ajv({
    strict: false,
    meta: false,
    validateSchema: false,
    code: { optimize: false },
    formats: { regex: isRegex, uri: true, 'uri-reference': true },
  });
  // The metaschema ajv itself registers: a JSON import of ajv's copy loses its `with { type: 'json' }` in
  // the ESM build, and Node then refuses to load dragoman/testing (the package test caught it).
  const draft07 = new Ajv().getSchema('http://json-schema.org/draft-07/schema')?.schema as
    | Record<string, unknown>
    | undefined;
  if (draft07 === undefined) throw new Error('ajv registers no draft-07 metaschema.');
  const { $id: _id, $schema: _schema, ...plain } = draft07;
  metaschema = ajv.compile(plain);
  return metaschema;
}

/** R16: one tool's parameters, as mistral-common's `Draft7Validator.check_schema` judges them. */
function checkParameters(parameters: unknown): MockErrorResponse | undefined {
  const root = parameters as Record<string, unknown>;
  // Reported to break Mistral's grammar compiler (BerriAI/litellm#13389), so treated as rejected.
  for (const key of ['$schema', '$id']) {
    if (key in root) return invalidToolSchemaError(`'${key}' at the root of the parameters is not supported`);
  }
  const validate = draft07Validator();
  if (validate(parameters)) return undefined;
  const first = validate.errors?.[0];
  return invalidToolSchemaError(`${first?.instancePath || '/'} ${first?.message ?? 'is not valid'}`);
}

/**
 * R13, R15, R16: function names in `tools`, in replayed `tool_calls` and on tool messages, and every tool's
 * parameters against the draft-07 metaschema.
 */
export function checkTools(body: MockRequestBody): MockErrorResponse | undefined {
  for (const tool of body.tools ?? []) {
    const fn = (tool as { type?: string; function?: { name?: unknown; parameters?: unknown } }).function;
    if (fn === undefined) continue;
    const name = String(fn.name);
    if (!functionName.test(name)) return functionNameError(name);
    const error = checkParameters(fn.parameters);
    if (error !== undefined) return error;
  }
  for (const message of body.messages ?? []) {
    for (const call of message.tool_calls ?? []) {
      const name = String(call.function?.name);
      if (!functionName.test(name)) return functionNameError(name);
    }
    if (message.role === 'tool' && typeof message.name === 'string' && !functionName.test(message.name)) {
      return functionNameError(message.name);
    }
  }
  return undefined;
}
