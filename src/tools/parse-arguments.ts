import { prettifyError } from 'zod/v4/core';
import type { ToolCall } from '../models/types.js';
import { isJsonSchemaParameters } from './json-schema-parameters.js';
import type { Tool, ToolSet } from './types.js';

/** A call whose tool exists and whose arguments passed the schema. */
export interface ParsedToolCall {
  ok: true;
  call: ToolCall;
  tool: Tool;
  args: unknown;
}

/** A call the model got wrong; `message` is written for the model, so it can correct itself. */
export interface RejectedToolCall {
  ok: false;
  call: ToolCall;
  /** The tool, when the name was known. */
  tool: Tool | undefined;
  /** The arguments, when they were valid JSON. */
  args: unknown;
  reason: 'unknown-tool' | 'invalid-json' | 'invalid-arguments';
  message: string;
}

type SafeParseResult =
  | { success: true; data: unknown }
  | { success: false; error: { issues: readonly object[] } };

// Both Zod 3 and Zod 4 schemas have these. The sync one throws on async refinements; then the async one runs.
interface ParsableSchema {
  safeParse(value: unknown): SafeParseResult;
  safeParseAsync(value: unknown): Promise<SafeParseResult>;
}

/**
 * Finds a call's tool and validates its arguments: the JSON string is parsed (an empty string counts as
 * `{}`), then checked with the tool's Zod schema. Never throws: a bad call becomes a {@link RejectedToolCall}
 * whose message names the tool and says what to fix (the prettified Zod error, or the available tools).
 */
export async function parseToolArguments(
  call: ToolCall,
  tools: ToolSet,
): Promise<ParsedToolCall | RejectedToolCall> {
  const tool = Object.hasOwn(tools, call.name) ? tools[call.name] : undefined;
  if (tool === undefined) {
    const available = Object.keys(tools).join(', ') || '(none)';
    const message = `Unknown tool "${call.name}". Available tools: ${available}. Call one of them by its exact name.`;
    return { ok: false, call, tool, args: undefined, reason: 'unknown-tool', message };
  }
  let json: unknown;
  try {
    json = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const message = `The arguments for tool "${call.name}" are not valid JSON (${detail}). Send one JSON object that matches the tool's parameters.`;
    return { ok: false, call, tool, args: undefined, reason: 'invalid-json', message };
  }
  const parsed = await validate(tool.parameters, json);
  if (parsed.success) return { ok: true, call, tool, args: parsed.data };
  const issues = prettifyError(parsed.error as Parameters<typeof prettifyError>[0]);
  const message = `The arguments for tool "${call.name}" do not match its parameters:\n${issues}\nFix the arguments and call the tool again.`;
  return { ok: false, call, tool, args: json, reason: 'invalid-arguments', message };
}

async function validate(parameters: unknown, json: unknown): Promise<SafeParseResult> {
  if (isJsonSchemaParameters(parameters)) {
    const checked = parameters['~standard'].validate(json);
    return 'issues' in checked
      ? { success: false, error: { issues: checked.issues } }
      : { success: true, data: checked.value };
  }
  const schema = parameters as ParsableSchema;
  try {
    return schema.safeParse(json);
  } catch {
    return schema.safeParseAsync(json);
  }
}
