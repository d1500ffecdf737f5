import { messageText } from '../models/message-text.js';
import { imagesPhrase } from '../models/tool-image-text.js';
import type { AssistantMessage, Message, ToolMessage } from '../models/types.js';

/** Default characters of a long tool output kept as its preview. */
export const DEFAULT_PREVIEW_CHARS = 1_000;

// Memo of shortened copies, so each stays the same object (and its token count stays memoized) across
// turns. Keyed weakly by the original message: a cache, never state a result depends on.
const memo = new WeakMap<Message, Map<number, Message>>();

/**
 * A shorter copy of an old message, or the message itself when nothing can be shortened: a tool output longer
 * than twice `previewChars` becomes its first `previewChars` characters plus a visible marker; an assistant
 * message drops its thinking parts (when text or tool calls remain). Never mutates the input.
 */
export function shortenMessage(message: Message, previewChars = DEFAULT_PREVIEW_CHARS): Message {
  if (message.role !== 'tool' && message.role !== 'assistant') return message;
  let byPreview = memo.get(message);
  const cached = byPreview?.get(previewChars);
  if (cached) return cached;
  const shortened =
    message.role === 'tool' ? shortenToolOutput(message, previewChars) : dropThinking(message);
  if (!byPreview) {
    byPreview = new Map();
    memo.set(message, byPreview);
  }
  byPreview.set(previewChars, shortened);
  return shortened;
}

function shortenToolOutput(message: ToolMessage, previewChars: number): ToolMessage {
  const text = messageText(message);
  const images =
    typeof message.content === 'string' ? 0 : message.content.filter((part) => part.type === 'image').length;
  const length = text.length;
  if (length <= previewChars * 2 && images === 0) return message;
  // An old image costs up to ~3,000 tokens: shortening leaves a note of it, as for long text.
  const imageNote = images === 0 ? '' : `\n[dragoman: ${imagesPhrase(images)} of this tool result omitted]`;
  if (length <= previewChars * 2) return { ...message, content: text + imageNote };
  const omitted = length - previewChars;
  const marker = `\n[dragoman: tool output shortened, ${omitted.toLocaleString('en-US')} of ${length.toLocaleString('en-US')} characters omitted]`;
  return { ...message, content: text.slice(0, previewChars) + marker + imageNote };
}

function dropThinking(message: AssistantMessage): AssistantMessage {
  if (typeof message.content === 'string') return message;
  const kept = message.content.filter((part) => part.type !== 'thinking');
  if (kept.length === message.content.length) return message;
  const hasText = kept.some((part) => part.text.length > 0);
  if (!hasText && !(message.toolCalls && message.toolCalls.length > 0)) return message;
  return { ...message, content: kept };
}
