import { UserInputError } from '../errors.js';
import type { JsonSchema, ToolCall, ToolSpec } from '../models/types.js';
import { toJsonSchema } from '../tools/json-schema.js';
import type { ToolSchema, ToolSet } from '../tools/types.js';
import { checkOutput } from './output.js';

/** The name of the output tool: a valid Mistral function name (`^[a-zA-Z0-9_-]{1,64}$`). */
export const OUTPUT_TOOL_NAME = 'final_answer';

/**
 * The extra tool an agent with both `tools` and `output` offers on its steps instead of a `json_schema`
 * response format (which La Plateforme rejects together with tools, rule R24): the model gives its final
 * answer by calling it, with the answer as the arguments.
 */
export interface OutputTool {
  readonly name: string;
  /** The spec sent with the agent's tools. */
  readonly spec: ToolSpec;
  /** True when the output schema's root is not an object: the answer travels as `{ "value": ... }`. */
  readonly wrapped: boolean;
}

/** A final answer read from an output tool call: the parsed output and its JSON, or what the model must fix. */
export type FinalAnswer =
  | { ok: true; output: unknown; text: string }
  | { ok: false; args: unknown; message: string };

const DESCRIPTION =
  'Give your final answer by calling this tool, with the answer as its arguments. Call it once, when you ' +
  'have everything the answer needs (after any other tool results you need have come back); the run ends ' +
  'with it, and it is the only way your answer reaches the user.';

/**
 * The output tool of an agent, or `undefined` when it has no tools or no output schema (then the output
 * schema goes as a `json_schema` response format). Throws a `UserInputError` when one of the agent's own
 * tools already has the output tool's name.
 */
export function outputToolOf(tools: ToolSet, output: ToolSchema | undefined): OutputTool | undefined {
  if (output === undefined || Object.keys(tools).length === 0) return undefined;
  if (Object.hasOwn(tools, OUTPUT_TOOL_NAME)) {
    throw new UserInputError(
      'invalid-config',
      `tools.${OUTPUT_TOOL_NAME}: an agent with an output schema and tools answers through a tool named ` +
        `"${OUTPUT_TOOL_NAME}", so none of its own tools may have that name.`,
      {
        path: `tools.${OUTPUT_TOOL_NAME}`,
        hint: `Rename your "${OUTPUT_TOOL_NAME}" tool, or drop output and parse the text yourself.`,
      },
    );
  }
  const schema = toJsonSchema(output, 'output', { objectRoot: false });
  const wrapped = schema.type !== 'object';
  const parameters = wrapped ? wrap(schema) : schema;
  const spec = Object.freeze({ name: OUTPUT_TOOL_NAME, description: DESCRIPTION, parameters });
  return Object.freeze({ name: OUTPUT_TOOL_NAME, spec, wrapped });
}

/**
 * Reads an output tool call: its arguments as JSON (unwrapped from `{ value }` when the schema's root is
 * not an object), checked with the output schema exactly like a text answer. `text` is the answer's JSON
 * as the model sent it (before the schema's transforms). Never throws: a bad answer becomes a message for
 * the model, in the words a bad call of any tool gets.
 */
export async function readFinalAnswer(
  tool: OutputTool,
  schema: ToolSchema,
  call: ToolCall,
): Promise<FinalAnswer> {
  let args: unknown;
  try {
    args = JSON.parse(call.arguments.trim() === '' ? '{}' : call.arguments);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const message = `The arguments for tool "${call.name}" are not valid JSON (${detail}). Call it again with one JSON object that matches its parameters.`;
    return { ok: false, args: call.arguments, message };
  }
  const value = tool.wrapped ? unwrap(args) : args;
  const checked = await checkOutput(schema, value);
  if (checked.ok) return { ok: true, output: checked.value, text: JSON.stringify(value) };
  const shape = tool.wrapped ? ' (the answer goes in "value")' : '';
  const message = `The arguments for tool "${call.name}" do not match the answer's schema${shape}:\n${checked.issues}\nFix the answer and call "${call.name}" again.`;
  return { ok: false, args, message };
}

// A non-object answer as an object, its definitions kept at the root so their `$ref`s still resolve.
function wrap(schema: JsonSchema): JsonSchema {
  const { $defs, definitions, ...inner } = schema;
  return {
    type: 'object',
    properties: { value: inner },
    required: ['value'],
    additionalProperties: false,
    ...($defs === undefined ? {} : { $defs }),
    ...(definitions === undefined ? {} : { definitions }),
  };
}

function unwrap(args: unknown): unknown {
  return typeof args === 'object' && args !== null && !Array.isArray(args) && 'value' in args
    ? (args as { value: unknown }).value
    : undefined;
}
