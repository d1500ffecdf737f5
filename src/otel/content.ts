/**
 * Message contents on spans: off by default; when on, serialized as the GenAI conventions' message JSON,
 * each text passed through a redactor and cut to a length.
 * @module
 */
import { messageText } from '../models/message-text.js';
import type { Message, ToolSpec } from '../models/types.js';

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
  /**
   * Each message's prepared JSON, by message object: a run resends its earlier messages on every call, so
   * each is redacted and serialized once.
   */
  readonly messages: WeakMap<Message, string>;
  /** `gen_ai.tool.definitions` JSON, by tool list: an agent sends the same list on every call. */
  readonly tools: WeakMap<readonly ToolSpec[], string>;
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

/**
 * Messages in the conventions' shape (`[{ role, parts: [{ type: 'text', content }] }]`) as JSON; every text,
 * tool argument and tool result in it redacted and cut to `maxLength`, so the JSON stays valid.
 */
export function prepareMessages(messages: readonly Message[], policy: ContentPolicy): string {
  let json = '[';
  for (const [index, message] of messages.entries()) {
    let prepared = policy.messages.get(message);
    if (prepared === undefined) {
      prepared = JSON.stringify({ role: message.role, parts: partsOf(message, policy) });
      policy.messages.set(message, prepared);
    }
    json += index === 0 ? prepared : `,${prepared}`;
  }
  return `${json}]`;
}

/** The final answer as `gen_ai.output.messages` JSON. */
export function prepareAnswer(text: string, finishReason: string | undefined, policy: ContentPolicy): string {
  const parts = text === '' ? [] : [{ type: 'text', content: prepareText(text, policy) }];
  const message =
    finishReason === undefined
      ? { role: 'assistant', parts }
      : { role: 'assistant', parts, finish_reason: finishReason };
  return JSON.stringify([message]);
}

function partsOf(message: Message, policy: ContentPolicy): unknown[] {
  if (message.role === 'tool') {
    // The text as the response; images described after it, never their data.
    const response = { type: 'tool_call_response', id: message.toolCallId, response: '' };
    if (typeof message.content === 'string')
      return [{ ...response, response: prepareText(message.content, policy) }];
    const images = message.content.filter((part) => part.type === 'image').map(() => ({ type: 'image' }));
    return [{ ...response, response: prepareText(messageText(message), policy) }, ...images];
  }
  const parts: unknown[] = [];
  if (typeof message.content === 'string') {
    if (message.content !== '') parts.push({ type: 'text', content: prepareText(message.content, policy) });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content as ReadonlyArray<{ type: string; text?: string }>) {
      // Images are described, never inlined: a data URL would be megabytes on a span.
      parts.push(
        part.type === 'text'
          ? { type: 'text', content: prepareText(part.text ?? '', policy) }
          : { type: part.type },
      );
    }
  }
  if (message.role === 'assistant') {
    for (const call of message.toolCalls ?? []) {
      parts.push({
        type: 'tool_call',
        id: call.id,
        name: call.name,
        arguments: prepareText(call.arguments, policy),
      });
    }
  }
  return parts;
}
