import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ArgumentIssue, ArgumentValidator } from '../tools/json-schema-parameters.js';

type Compiler = { compile(schema: object): ValidateFunction };
let draft2020: Compiler | undefined;
let draft07: Compiler | undefined;

/**
 * A validator for an MCP tool's arguments, checked against the server's original `inputSchema` (with its
 * `$ref`s and draft keywords) so a bad call is answered before it reaches the server. The schema is compiled
 * on the first call, not at connect time. A schema that ajv cannot compile (unknown dialect, remote refs)
 * lets every object through: the server still validates, and its error becomes the tool result.
 */
export function argumentValidator(schema: unknown): ArgumentValidator<Record<string, unknown>> {
  let compiled: ValidateFunction | null | undefined;
  return (value) => {
    if (compiled === undefined) compiled = compile(schema);
    if (compiled === null || compiled(value)) return { value: value as Record<string, unknown> };
    return { issues: (compiled.errors ?? []).map(toIssue) };
  };
}

function compile(schema: unknown): ValidateFunction | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const dialect = (schema as { $schema?: unknown }).$schema;
  // Draft-07 and older give `items` an array form that draft 2020-12 rejects; pick the matching dialect.
  const old = typeof dialect === 'string' && /draft-0[4-7]/.test(dialect);
  try {
    const ajv = engine(old);
    // ajv caches by $id; a copy without it keeps two servers' equal ids from clashing.
    const { $id: _id, ...rest } = schema as Record<string, unknown>;
    return ajv.compile(rest);
  } catch {
    return null;
  }
}

function engine(old: boolean): Compiler {
  if (old) {
    draft07 ??= create(Ajv);
    return draft07;
  }
  draft2020 ??= create(Ajv2020);
  return draft2020;
}

function create(Engine: new (options: object) => Compiler): Compiler {
  // strict: false tolerates vendor keywords; formats are not checked (that would need ajv-formats).
  return new Engine({ allErrors: true, strict: false, logger: false, validateFormats: false });
}

function toIssue(error: ErrorObject): ArgumentIssue {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  const allowed =
    error.keyword === 'enum'
      ? ` (${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
      : '';
  const extra =
    error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
  return { message: `${error.message ?? 'is invalid'}${allowed}${extra}`, path };
}
