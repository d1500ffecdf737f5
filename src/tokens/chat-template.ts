import type { Message, ToolCall, ToolSpec } from '../models/types.js';
import { toPythonJson } from './python-json.js';

/**
 * Tekken control-token ids, as they appear in Mistral's published v7 chat encoding (mistral-common's
 * Tekken test vectors, whose `full_chat_vector` the token tests compare against; see docs/context-and-memory.md).
 */
export const CONTROL_TOKENS = {
  bos: 1,
  eos: 2,
  inst: 3,
  instEnd: 4,
  availableTools: 5,
  availableToolsEnd: 6,
  toolResults: 7,
  toolResultsEnd: 8,
  toolCalls: 9,
  image: 10,
  imageEnd: 13,
  systemPrompt: 17,
  systemPromptEnd: 18,
  toolContent: 19,
} as const;

/** Control tokens a whole prompt costs once: `<s>`. */
export const PROMPT_OVERHEAD_TOKENS = 1;

/** What a message costs in the v7 template: its texts (to tokenize) plus a number of control tokens. */
export interface MessageSegments {
  texts: string[];
  controlTokens: number;
}

/**
 * Splits a message into the texts the tokenizer sees and the control tokens around them, following the v7
 * template: `[SYSTEM_PROMPT]…[/SYSTEM_PROMPT]`, `[INST]…[/INST]`, assistant text then `</s>`,
 * `[TOOL_CALLS][{…}]`, `[TOOL_RESULTS]id[TOOL_CONTENT]…[/TOOL_RESULTS]`. Images are counted separately.
 * Thinking parts cost `[THINK]…[/THINK]` (two control tokens) in reasoning templates.
 */
export function messageSegments(message: Message): MessageSegments {
  switch (message.role) {
    case 'system':
      return { texts: [message.content], controlTokens: 2 };
    case 'user': {
      if (typeof message.content === 'string') return { texts: [message.content], controlTokens: 2 };
      const texts: string[] = [];
      for (const part of message.content) if (part.type === 'text') texts.push(part.text);
      return { texts, controlTokens: 2 };
    }
    case 'assistant': {
      const texts: string[] = [];
      let controlTokens = 1;
      if (typeof message.content === 'string') {
        if (message.content.length > 0) texts.push(message.content);
      } else {
        for (const part of message.content) {
          texts.push(part.text);
          if (part.type === 'thinking') controlTokens += 2;
        }
      }
      if (message.toolCalls && message.toolCalls.length > 0) {
        texts.push(toolCallsText(message.toolCalls));
        controlTokens += 1;
      }
      return { texts, controlTokens };
    }
    case 'tool': {
      if (typeof message.content === 'string')
        return { texts: [message.toolCallId, message.content], controlTokens: 3 };
      const texts = [message.toolCallId];
      for (const part of message.content) if (part.type === 'text') texts.push(part.text);
      return { texts, controlTokens: 3 };
    }
  }
}

/** The JSON text of an assistant's tool calls as the template renders it after `[TOOL_CALLS]`. */
export function toolCallsText(toolCalls: readonly ToolCall[]): string {
  return toPythonJson(
    toolCalls.map((call) => ({ name: call.name, arguments: parseArguments(call.arguments), id: call.id })),
  );
}

/** The JSON text of tool schemas as the template renders it inside `[AVAILABLE_TOOLS]…[/AVAILABLE_TOOLS]`. */
export function toolsText(tools: readonly ToolSpec[]): string {
  return toPythonJson(
    tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    })),
  );
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
