/**
 * The Mistral wire compiler for messages: neutral {@link Message}s in, a history the API accepts out, or a
 * typed {@link UserInputError} before any request is sent. Pure: no SDK, no I/O.
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { AssistantMessage, Message, ToolMessage } from '../types.js';
import {
  compileAssistantContent,
  compileThinking,
  compileUserContent,
  MAX_IMAGES_PER_REQUEST,
  splitAssistantContent,
} from './compile-content.js';
import { createToolContentCompiler, type ToolImages, toolImagesContent } from './compile-tool-content.js';
import { checkFirst, checkLast, placeSystem } from './history-shape.js';
import { createToolCallIdMap, type ToolCallIdMap } from './tool-call-ids.js';
import { createToolNameMap, type ToolNameMap } from './tool-names.js';
import type { WireMessage, WireToolCall } from './wire-types.js';

/** Text of the assistant turn inserted between a tool result and a following user message (rule 3). */
export const DEFAULT_BRIDGE_TEXT = 'OK.';
/** Content of the synthetic result for a tool call that never ran (rule 2). */
export const DEFAULT_CANCELLED_TEXT = 'cancelled: this tool call was not run.';

/** Options of {@link compileMessages}. */
export interface CompileMessagesOptions {
  /** The target model reasons: keep thinking parts. @default false */
  reasoning?: boolean;
  /** Text of bridging assistant turns. @default {@link DEFAULT_BRIDGE_TEXT} */
  bridgeText?: string;
  /** Content of synthetic results for unanswered calls. @default {@link DEFAULT_CANCELLED_TEXT} */
  cancelledText?: string;
  /** Maps tool names to ones Mistral accepts (shared with `tools`). @default a fresh map */
  toolNames?: ToolNameMap;
  /** The target model sees images: images in tool results are sent, not described. @default true */
  vision?: boolean;
}

/** A compiled history. */
export interface CompiledMessages {
  messages: WireMessage[];
  /** Foreign <-> wire tool-call ids used in `messages`. */
  toolCallIds: ToolCallIdMap;
  /** Text of a trailing `prefix: true` message: the reply echoes it, and the adapter strips it. */
  prefix?: string;
}

interface PendingCall {
  foreignId: string;
  wireId: string;
  /** The wire name. */
  name: string;
}

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-history', message, { path, hint });
}

function compileToolCalls(
  message: AssistantMessage,
  path: string,
  ids: ToolCallIdMap,
  names: ToolNameMap,
): PendingCall[] {
  if (!Array.isArray(message.toolCalls)) {
    throw invalid(`${path}.toolCalls`, `${path}.toolCalls is not an array.`, 'Pass an array of tool calls.');
  }
  const seen = new Set<string>();
  return message.toolCalls.map((call, index) => {
    const callPath = `${path}.toolCalls[${index}]`;
    if (typeof call?.id !== 'string' || call.id === '' || typeof call.name !== 'string' || call.name === '') {
      throw invalid(callPath, `${callPath} needs a non-empty string id and name.`, 'Give every call an id.');
    }
    if (typeof call.arguments !== 'string') {
      throw invalid(callPath, `${callPath}.arguments is not a string.`, 'Pass arguments as a JSON string.');
    }
    if (seen.has(call.id)) {
      throw invalid(
        callPath,
        `${callPath} repeats tool call id ${JSON.stringify(call.id)}.`,
        'Ids must be unique.',
      );
    }
    seen.add(call.id);
    return { foreignId: call.id, wireId: ids.toWire(call.id), name: names.toWire(call.name) };
  });
}

function toolResult(message: ToolMessage, path: string, pending: PendingCall[]): PendingCall {
  if (typeof message.toolCallId !== 'string') {
    throw invalid(path, `${path} needs a string toolCallId.`, 'Check the tool message.');
  }
  const index = pending.findIndex((call) => call.foreignId === message.toolCallId);
  if (index < 0) {
    throw invalid(
      path,
      `${path} answers tool call ${JSON.stringify(message.toolCallId)}, but no unanswered call with that id ` +
        'directly precedes it.',
      'Put each tool result right after the assistant message that made the call, once per call; drop orphans.',
    );
  }
  return pending.splice(index, 1)[0]!;
}

/**
 * Compiles a neutral history for Mistral. A system message later in the history stays in place after a user
 * message (the API accepts it); a history that is only system text is sent as is. Repairs what can be
 * repaired: leading system messages merged,
 * a bridging assistant turn between a tool result and a user message, a synthetic `cancelled` result for
 * every call that was never answered, foreign tool-call ids mapped to 9-character ids, tool names mapped to
 * ones Mistral accepts, thinking stripped for models without reasoning (and replayed with its signature to
 * those with), empty assistant messages dropped, `prefix: true` on a trailing assistant message. An
 * assistant message with tool calls is sent without its text (some models reject both together): content
 * `''`, or its thinking chunks for reasoning models.
 *
 * Throws `UserInputError` code `invalid-history` naming `messages[i]` for what cannot be repaired: a
 * system message right after an assistant turn or a tool result, an orphan or duplicate tool result, malformed parts, more than 8 images or
 * one over 10 MB, nothing to send, a history that opens with an assistant tool call or holds only a prefix
 * message, or a last message that is an assistant message without `prefix` (docs/mistral-wire-rules.md).
 */
export function compileMessages(
  messages: readonly Message[],
  options: CompileMessagesOptions = {},
): CompiledMessages {
  if (!Array.isArray(messages)) {
    throw invalid('messages', 'messages is not an array.', 'Pass an array of messages.');
  }
  const bridgeText = options.bridgeText ?? DEFAULT_BRIDGE_TEXT;
  const cancelledText = options.cancelledText ?? DEFAULT_CANCELLED_TEXT;
  const ids = createToolCallIdMap();
  const names = options.toolNames ?? createToolNameMap();
  const out: WireMessage[] = [];
  const system: string[] = [];
  let pending: PendingCall[] = [];
  let images = 0;
  let prefix: string | undefined;
  let started = false;
  const toolContent = createToolContentCompiler(messages, options.vision ?? true);
  let toolImages: ToolImages[] = [];
  const closeGroup = () => {
    for (const call of pending) {
      out.push({ role: 'tool', content: cancelledText, toolCallId: call.wireId, name: call.name });
    }
    pending = [];
    // Images a tool returned follow the group in a user message, after a bridging turn (see
    // compile-tool-content.ts for why not inside the tool message).
    if (toolImages.length > 0) {
      out.push({ role: 'assistant', content: bridgeText });
      out.push({ role: 'user', content: toolImagesContent(toolImages) });
      toolImages = [];
    }
  };
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    const role = (message as { role?: unknown } | null)?.role;
    if (role !== 'system') started = true;
    if (role === 'system') {
      if (typeof message.content !== 'string') {
        throw invalid(path, `${path}.content is not a string.`, 'System content is text.');
      }
      if (!started) {
        if (message.content !== '') system.push(message.content);
      } else placeSystem(out, message.content, path);
    } else if (role === 'user' && message.role === 'user') {
      closeGroup();
      if (out.at(-1)?.role === 'tool') out.push({ role: 'assistant', content: bridgeText });
      const compiled = compileUserContent(message, path);
      images += compiled.images;
      out.push({ role: 'user', content: compiled.content });
    } else if (role === 'assistant' && message.role === 'assistant') {
      closeGroup();
      const { text, thinking } = splitAssistantContent(message, path);
      const isLast = index === messages.length - 1;
      const calls = message.toolCalls;
      if (calls !== undefined && !(Array.isArray(calls) && calls.length === 0)) {
        if (message.prefix === true && isLast) {
          throw invalid(
            path,
            `${path} has prefix: true and tool calls.`,
            'A prefix message holds only text.',
          );
        }
        pending = compileToolCalls(message, path, ids, names);
        const toolCalls: WireToolCall[] = pending.map((call, callIndex) => ({
          id: call.wireId,
          type: 'function',
          function: { name: call.name, arguments: calls[callIndex]!.arguments || '{}' },
        }));
        // Reasoning models get the thinking that led to the calls back (R9: content and calls together are
        // accepted from tokenizer v7, every current model); the text stays out, as before.
        const content = options.reasoning === true && thinking.length > 0 ? compileThinking(thinking) : '';
        out.push({ role: 'assistant', content, toolCalls });
      } else if (message.prefix === true && isLast) {
        if (text === '') {
          throw invalid(path, `${path} has prefix: true but no text.`, 'Give the prefix message some text.');
        }
        prefix = text;
        out.push({ role: 'assistant', content: text, prefix: true });
      } else {
        const content = compileAssistantContent(text, thinking, options.reasoning === true);
        // An assistant message with neither content nor tool calls is rejected (rule 6): it carries nothing.
        if (content !== '') out.push({ role: 'assistant', content });
      }
    } else if (role === 'tool' && message.role === 'tool') {
      // The result answers that call, so it carries the call's (wire) name, whatever name it was stored with.
      const call = toolResult(message, path, pending);
      const compiled = toolContent.compile(message, path);
      if (compiled === undefined) {
        throw invalid(
          path,
          `${path}.content is neither a string nor text and image parts.`,
          'Check the tool message.',
        );
      }
      out.push({ role: 'tool', content: compiled.text, toolCallId: call.wireId, name: call.name });
      if (compiled.images.length > 0) {
        images += compiled.images.length;
        toolImages.push({ name: call.name, toolCallId: call.wireId, chunks: compiled.images });
      }
    } else {
      throw invalid(
        path,
        `${path} has role ${JSON.stringify(role)}.`,
        'Use system, user, assistant or tool.',
      );
    }
  });
  closeGroup();
  if (images > MAX_IMAGES_PER_REQUEST) {
    throw new UserInputError(
      'invalid-input',
      `The request holds ${images} images; Mistral accepts at most 8.`,
      {
        path: 'messages',
        hint: 'Send fewer images, or split them across turns and drop older ones from the window.',
      },
    );
  }
  const systemText = system.join('\n\n');
  if (systemText !== '') out.unshift({ role: 'system', content: systemText });
  checkLast(out, messages.length);
  if (systemText === '') checkFirst(out, messages);
  return prefix === undefined
    ? { messages: out, toolCallIds: ids }
    : { messages: out, toolCallIds: ids, prefix };
}
