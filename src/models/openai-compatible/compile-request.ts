import { UserInputError } from '../../errors.js';
import { imagesFollowNote, imagesPhrase, toolImagesCaption } from '../tool-image-text.js';
import type { Message, ModelRequest, ResponseFormat, ToolChoice, ToolSpec } from '../types.js';
import type { Dialect } from './dialects.js';
import type { WireContentPart, WireMessage, WireRequest } from './wire.js';

function textOf(content: Message['content']): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) if (part.type === 'text') text += part.text;
  return text;
}

/** A tool result's text, saying where its images went, or why they were left out (see {@link toWireMessages}). */
function toolText(content: Message['content'], vision: boolean): string {
  if (typeof content === 'string') return content;
  const images = content.filter((part) => part.type === 'image').length;
  const note =
    images === 0
      ? ''
      : vision
        ? imagesFollowNote(images)
        : `[${imagesPhrase(images)} not shown: this model cannot see images]`;
  const text = textOf(content);
  return text === '' ? note : note === '' ? text : `${text}\n\n${note}`;
}

/**
 * Neutral messages as OpenAI wire messages. OpenAI's chat completions take only text in a tool message
 * (`content`: a string or text parts), so the images of a group of tool results follow it in one user
 * message, each tool's under a line naming the tool and call; the tool message says they follow. Without
 * `vision`, the tool message says the images were left out instead.
 */
export function toWireMessages(messages: readonly Message[], vision = true): WireMessage[] {
  const out: WireMessage[] = [];
  let images: WireContentPart[] = [];
  messages.forEach((message, index) => {
    if (message?.role !== 'tool' && images.length > 0) {
      out.push({ role: 'user', content: images });
      images = [];
    }
    out.push(toWireMessage(message, index, vision));
    if (vision && message?.role === 'tool' && Array.isArray(message.content)) {
      const parts = message.content.filter((part) => part.type === 'image');
      if (parts.length === 0) return;
      images.push({ type: 'text', text: toolImagesCaption(message.name, message.toolCallId, parts.length) });
      for (const part of parts) images.push({ type: 'image_url', image_url: { url: part.url } });
    }
  });
  if (images.length > 0) out.push({ role: 'user', content: images });
  return out;
}

/** One neutral message as an OpenAI wire message. Thinking parts are dropped; images become `image_url`. */
export function toWireMessage(message: Message, index: number, vision = true): WireMessage {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user': {
      if (typeof message.content === 'string') return { role: 'user', content: message.content };
      if (!message.content.some((part) => part.type === 'image')) {
        return { role: 'user', content: textOf(message.content) };
      }
      const parts: WireContentPart[] = message.content.map((part) =>
        part.type === 'text'
          ? { type: 'text', text: part.text }
          : { type: 'image_url', image_url: { url: part.url } },
      );
      return { role: 'user', content: parts };
    }
    case 'assistant': {
      const text = textOf(message.content);
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant', content: text };
      return {
        role: 'assistant',
        content: text === '' ? null : text,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: toolText(message.content, vision) };
    default:
      throw new UserInputError('invalid-history', `messages[${index}] has an unknown role.`, {
        path: `messages[${index}].role`,
        hint: 'Use system, user, assistant or tool.',
      });
  }
}

function wireTool(tool: ToolSpec) {
  return {
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

/** Applies `tool_choice` as far as the dialect honours it; may narrow or drop the tool list. */
function applyToolChoice(
  body: WireRequest,
  tools: ToolSpec[],
  choice: ToolChoice | undefined,
  dialect: Dialect,
) {
  if (tools.length === 0) return;
  if (choice === undefined) {
    body.tools = tools.map(wireTool);
    return;
  }
  if (typeof choice === 'object') {
    const named = tools.find((tool) => tool.name === choice.name);
    if (!named) {
      throw new UserInputError(
        'invalid-input',
        `toolChoice names "${choice.name}", which is not among the tools.`,
        {
          path: 'settings.toolChoice',
          hint: `Use one of ${tools.map((tool) => tool.name).join(', ')}.`,
        },
      );
    }
    if (dialect.toolChoice === 'all') {
      body.tools = tools.map(wireTool);
      body.tool_choice = { type: 'function', function: { name: named.name } };
      return;
    }
    // Without named choices, offering only that tool (and requiring a call where possible) is equivalent.
    body.tools = [wireTool(named)];
    if (dialect.toolChoice === 'no-named') body.tool_choice = 'required';
    return;
  }
  if (choice === 'none' && dialect.toolChoice === 'ignored') return;
  body.tools = tools.map(wireTool);
  if (dialect.toolChoice === 'ignored') return;
  body.tool_choice = choice === 'any' ? 'required' : choice;
}

function wireResponseFormat(format: ResponseFormat): unknown {
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json_schema',
    json_schema: {
      name: format.name,
      schema: format.schema,
      ...(format.strict === undefined ? {} : { strict: format.strict }),
    },
  };
}

/**
 * Compiles a neutral request into an OpenAI chat-completions body for one server family. Unset settings are
 * left out so the server's defaults apply.
 */
export function compileRequest(
  model: string,
  request: ModelRequest,
  dialect: Dialect,
  stream: boolean,
  vision = true,
): WireRequest {
  const body: WireRequest = { model, messages: toWireMessages(request.messages, vision) };
  const settings = request.settings ?? {};
  applyToolChoice(body, request.tools ?? [], settings.toolChoice, dialect);
  if (settings.parallelToolCalls !== undefined && body.tools && dialect.parallelToolCalls) {
    body.parallel_tool_calls = settings.parallelToolCalls;
  }
  if (settings.temperature !== undefined) body.temperature = settings.temperature;
  if (settings.topP !== undefined) body.top_p = settings.topP;
  if (settings.maxTokens !== undefined) body[dialect.maxTokensField] = settings.maxTokens;
  if (settings.randomSeed !== undefined) body.seed = settings.randomSeed;
  if (settings.stop !== undefined && settings.stop.length > 0) body.stop = settings.stop;
  if (settings.responseFormat !== undefined)
    body.response_format = wireResponseFormat(settings.responseFormat);
  if (settings.reasoningEffort !== undefined) body.reasoning_effort = settings.reasoningEffort;
  if (settings.prediction !== undefined && dialect.prediction) {
    body.prediction = { type: 'content', content: settings.prediction };
  }
  const last = request.messages.at(-1);
  if (last?.role === 'assistant' && last.prefix && dialect.prefix === 'continue-final-message') {
    body.continue_final_message = true;
    body.add_generation_prompt = false;
  }
  if (stream) {
    body.stream = true;
    if (dialect.streamUsage) body.stream_options = { include_usage: true };
  }
  return body;
}
