/**
 * The whole Mistral wire compiler: a neutral {@link ModelRequest} in, the SDK's chat request input out.
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { ModelRequest } from '../types.js';
import { type CompileMessagesOptions, compileMessages } from './compile-messages.js';
import { compileSettings } from './compile-settings.js';
import { compileTools, toolNamesOf } from './compile-tools.js';
import type { ToolCallIdMap } from './tool-call-ids.js';
import { createToolNameMap, type ToolNameMap } from './tool-names.js';
import type { WireChatRequest, WireTool } from './wire-types.js';

/** Options of {@link compileMistralRequest}. */
export interface CompileRequestOptions extends Omit<CompileMessagesOptions, 'reasoning' | 'toolNames'> {
  /** The model id to send. */
  model: string;
  /** Whether the target model has reasoning (keeps thinking parts, allows `reasoningEffort`). */
  reasoning?: boolean;
  /**
   * The `reasoningEffort` values the model takes (the catalog's `reasoningEfforts`); others are refused.
   * @default any value
   */
  reasoningEfforts?: readonly string[];
}

/** A compiled request plus what the adapter needs to read the reply. */
export interface CompiledRequest {
  request: WireChatRequest;
  /** Foreign <-> wire tool-call ids used in the request. */
  toolCallIds: ToolCallIdMap;
  /** Real <-> wire tool names: the reply's calls name wire names, which map back with `toReal`. */
  toolNames: ToolNameMap;
  /** The prefix text the reply will echo, to strip. */
  prefix?: string;
}

/** R24: Mistral answers 400 to a `json_schema` response format sent together with tools. */
function jsonSchemaWithTools(name: string, toolCount: number): UserInputError {
  return new UserInputError(
    'invalid-input',
    `settings.responseFormat is json_schema ${JSON.stringify(name)} and the request has ${toolCount} ` +
      `tool${toolCount === 1 ? '' : 's'}; Mistral rejects the two together (400).`,
    {
      path: 'settings.responseFormat',
      hint:
        'Use them in separate calls: let the model call tools without responseFormat, then ask for the ' +
        'json_schema answer in a call without tools.',
    },
  );
}

/**
 * Compiles a neutral request for Mistral's chat completions, or throws a `UserInputError` naming the bad
 * value before anything is sent. Pure and deterministic: the same request compiles to the same body. Every
 * rule of docs/mistral-wire-rules.md the compiler can meet is met (ids, names, order, pairing, prefix, value
 * ranges, reasoning, tool schemas); what it cannot repair is refused, such as a `json_schema` response format
 * together with tools (R24).
 *
 * @example
 * const { request } = compileMistralRequest({ messages: [{ role: 'user', content: 'Hi' }] }, { model: 'mistral-small-latest' });
 */
export function compileMistralRequest(input: ModelRequest, options: CompileRequestOptions): CompiledRequest {
  if (typeof input !== 'object' || input === null) {
    throw new UserInputError('invalid-input', 'The request is not an object.', {
      path: 'request',
      hint: 'Pass { messages, tools?, settings? }.',
    });
  }
  const reasoning = options.reasoning === true;
  const realNames = toolNamesOf(input.tools);
  const toolNames = createToolNameMap(realNames);
  const compiled = compileMessages(input.messages, { ...options, reasoning, toolNames });
  const tools = compileTools(input.tools, toolNames);
  const request: WireChatRequest = { model: options.model, messages: compiled.messages };
  // The SDK only reads the request (it serializes a copy), so the shared frozen list is safe to send.
  if (tools !== undefined) request.tools = tools as WireTool[];
  const settings = compileSettings(input.settings, {
    toolNames: tools === undefined ? [] : realNames,
    toWireName: toolNames.toWire,
    reasoning,
    ...(options.reasoningEfforts === undefined ? {} : { reasoningEfforts: options.reasoningEfforts }),
  });
  Object.assign(request, settings);
  if (tools !== undefined && settings.responseFormat?.type === 'json_schema') {
    throw jsonSchemaWithTools(settings.responseFormat.jsonSchema.name, tools.length);
  }
  const result: CompiledRequest = { request, toolCallIds: compiled.toolCallIds, toolNames };
  if (compiled.prefix !== undefined) result.prefix = compiled.prefix;
  return result;
}
