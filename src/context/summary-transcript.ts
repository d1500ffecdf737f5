import { messageText } from '../models/message-text.js';
import type { Message } from '../models/types.js';

/**
 * Renders messages as a plain transcript for a summarizer model: one `role: text` block per message, tool
 * calls as `name(arguments)`, each block cut to `maxMessageChars`, and the whole cut in the middle to
 * `maxChars` (the start and the end of a span carry the most context).
 */
export function summaryTranscript(
  messages: readonly Message[],
  options: { maxMessageChars: number; maxChars: number },
): string {
  const blocks = messages.map((message) => {
    let text = messageText(message);
    if (message.role === 'assistant' && message.toolCalls?.length) {
      const calls = message.toolCalls.map((call) => `${call.name}(${call.arguments})`).join('; ');
      text = text ? `${text}\n[tool calls] ${calls}` : `[tool calls] ${calls}`;
    }
    if ((message.role === 'user' || message.role === 'tool') && typeof message.content !== 'string') {
      const images = message.content.filter((part) => part.type === 'image').length;
      if (images > 0) text += ` [${images} image${images === 1 ? '' : 's'}]`;
    }
    const label = message.role === 'tool' ? `tool ${message.name}` : message.role;
    return `${label}: ${cut(text, options.maxMessageChars)}`;
  });
  return cut(blocks.join('\n\n'), options.maxChars);
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.max(0, Math.floor((max - 40) / 2));
  return `${text.slice(0, half)}\n[... ${text.length - 2 * half} characters left out ...]\n${text.slice(-half)}`;
}
