/**
 * The whole Mistral wire compiler: a neutral {@link ModelRequest} in, the SDK's chat request input out.
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { ModelRequest } from '../types.js';
import { type CompileMessagesOptions, compileMessages } from './compile-messages.js';
import { compileSettings, compileTools } from './compile-settings.js';
import type { ToolCallIdMap } from './tool-call-ids.js';
import type { WireChatRequest, WireTool } from './wire-types.js';

const NO_NAMES: readonly string[] = Object.freeze([]);
// Tool names per compiled tool list; the list is reused while the agent's specs are (see compileTools).
const toolNamesOf = new WeakMap<readonly WireTool[], readonly string[]>();

function namesOf(tools: readonly WireTool[]): readonly string[] {
  let names = toolNamesOf.get(tools);
  if (names === undefined) {
    names = tools.map((tool) => tool.function.name);
    if (Object.isFrozen(tools)) toolNamesOf.set(tools, names);
  }
  return names;
}

/** Options of {@link compileMistralRequest}. */
export interface CompileRequestOptions extends Omit<CompileMessagesOptions, 'reasoning'> {
  /** The model id to send. */
  model: string;
  /** Whether the target model has reasoning (keeps thinking parts, allows `reasoningEffort`). */
  reasoning?: boolean;
}

/** A compiled request plus what the adapter needs to read the reply. */
export interface CompiledRequest {
  request: WireChatRequest;
  /** Foreign <-> wire tool-call ids used in the request. */
  toolCallIds: ToolCallIdMap;
  /** The prefix text the reply will echo, to strip. */
  prefix?: string;
}

/**
 * Compiles a neutral request for Mistral's chat completions, or throws a `UserInputError` naming the bad
 * value before anything is sent. Pure and deterministic: the same request compiles to the same body.
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
  const compiled = compileMessages(
    input.messages,
    options.reasoning === reasoning ? options : { ...options, reasoning },
  );
  const tools = compileTools(input.tools);
  const request: WireChatRequest = { model: options.model, messages: compiled.messages };
  // The SDK only reads the request (it serializes a copy), so the shared frozen list is safe to send.
  if (tools !== undefined) request.tools = tools as WireTool[];
  const toolNames = tools === undefined ? NO_NAMES : namesOf(tools);
  Object.assign(request, compileSettings(input.settings, { toolNames, reasoning }));
  const result: CompiledRequest = { request, toolCallIds: compiled.toolCallIds };
  if (compiled.prefix !== undefined) result.prefix = compiled.prefix;
  return result;
}
