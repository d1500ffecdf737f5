/** What a sent body exercises, so the property test can show its 17,000 bodies are not all alike. */

interface WireBodyLike {
  messages: Array<{
    role: string;
    content?: unknown;
    prefix?: boolean;
    tool_calls?: Array<{ function: { name: string } }> | null;
  }>;
  tools?: Array<{ function: { name: string } }>;
}

const chunkTypes = (content: unknown): string[] =>
  Array.isArray(content) ? content.map((chunk) => (chunk as { type: string }).type) : [];

/** The features of one sent body (`body` is the JSON the SDK put on the wire). */
export function bodyFeatures(body: unknown, realToolNames: readonly string[]): string[] {
  const { messages, tools = [] } = body as WireBodyLike;
  const features = new Set<string>();
  messages.forEach((message, index) => {
    if ((message.tool_calls?.length ?? 0) > 1) features.add('parallel tool calls');
    if (message.role === 'tool' && String(message.content).startsWith('cancelled:')) {
      features.add('cancelled result for an unanswered call');
    }
    if (message.role === 'assistant' && message.content === 'OK.') features.add('bridging assistant turn');
    if (message.role === 'system' && index > 0) features.add('system message after a user message');
    if (message.prefix === true) features.add('prefix');
    if (chunkTypes(message.content).includes('image_url')) features.add('image');
    const first = Array.isArray(message.content) ? (message.content[0] as { text?: unknown }) : undefined;
    if (message.role === 'user' && String(first?.text).includes('returned by tool')) {
      features.add("a tool result's images in the next user message");
    }
    if (message.role === 'tool' && String(message.content).includes('[image not shown: a request takes 8')) {
      features.add('oldest tool images described past 8 per request');
    }
    if (chunkTypes(message.content).includes('thinking')) features.add('thinking replayed');
  });
  const renamed = tools.some((tool) => !realToolNames.includes(tool.function.name));
  if (renamed) features.add('tool renamed for the wire');
  if (messages.length === 1 && messages[0]!.role === 'system') features.add('system-only history');
  return [...features];
}
