/**
 * Message contents on spans: off by default; when on, serialized as the GenAI conventions' message JSON,
 * passed through a redactor and cut to a length.
 * @module
 */
import { messageText } from '../models/message-text.js';
import type { Message } from '../models/types.js';

/** Text that looks like a credential: `Bearer ...`, `sk-...`/`key-...` style keys, and long random tokens. */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[\w.~+/=-]+/giu,
  /\b(?:sk|pk|rk|key|api|token)[-_][\w-]{8,}/giu,
  /\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}\b/gu,
];

/**
 * The default redactor: replaces bearer tokens, key-shaped strings (`sk-...`) and long random tokens (32+
 * characters mixing letters and digits, the shape of a Mistral key) with `[REDACTED]`. Pass your own
 * `redact` for anything domain-specific (emails, account numbers).
 */
export function redactSecrets(text: string): string {
  let redacted = text;
  for (const pattern of SECRET_PATTERNS) redacted = redacted.replace(pattern, '[REDACTED]');
  return redacted;
}

/** How captured content is prepared. */
export interface ContentPolicy {
  redact: (text: string) => string;
  maxLength: number;
}

/** The text prepared for a span: redacted, then cut with a visible marker. */
export function prepareText(text: string, policy: ContentPolicy): string {
  const redacted = policy.redact(text);
  if (redacted.length <= policy.maxLength) return redacted;
  return `${redacted.slice(0, policy.maxLength)}…[truncated ${redacted.length - policy.maxLength} chars]`;
}

/** A value (tool arguments, a tool result) as redacted JSON text for a span. */
export function prepareValue(value: unknown, policy: ContentPolicy): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return prepareText(text, policy);
}

/** Messages in the conventions' shape (`[{ role, parts: [{ type: 'text', content }] }]`), as redacted JSON. */
export function prepareMessages(messages: readonly Message[], policy: ContentPolicy): string {
  const shaped = messages.map((message) => ({ role: message.role, parts: partsOf(message) }));
  return prepareText(JSON.stringify(shaped), { ...policy, maxLength: Number.POSITIVE_INFINITY });
}

function partsOf(message: Message): unknown[] {
  const parts: unknown[] = [];
  if (typeof message.content === 'string') {
    if (message.content !== '') parts.push({ type: 'text', content: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content as ReadonlyArray<{ type: string; text?: string }>) {
      // Images are described, never inlined: a data URL would be megabytes on a span.
      parts.push(part.type === 'text' ? { type: 'text', content: part.text } : { type: part.type });
    }
  }
  if (message.role === 'assistant') {
    for (const call of message.toolCalls ?? []) {
      parts.push({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments });
    }
  }
  if (message.role === 'tool') {
    if (typeof message.content === 'string')
      return [{ type: 'tool_call_response', id: message.toolCallId, response: message.content }];
    // The text as the response; the images described after it, never their data.
    const response = messageText(message);
    const images = message.content.filter((part) => part.type === 'image').map(() => ({ type: 'image' }));
    return [{ type: 'tool_call_response', id: message.toolCallId, response }, ...images];
  }
  return parts;
}
