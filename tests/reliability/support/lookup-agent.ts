/**
 * A small agent for session scenarios: one `lookup` tool, a scripted mock reply (call the tool, then answer
 * with its result), and a hook that runs inside the tool, so a test can act between the two model calls of
 * a turn (inject a fault, abort).
 */
import { z } from 'zod';
import { defineAgent } from '../../../src/agent/index.js';
import type { MemoryStore } from '../../../src/memory/types.js';
import type { Model } from '../../../src/models/types.js';
import type { MockReplyFunction, MockWireMessage } from '../../../src/testing/mock-server/index.js';
import { tool } from '../../../src/tools/index.js';

/** The text of the wire message, as the mocks received it. */
function wireText(message: MockWireMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((part) => String((part as { text?: unknown }).text ?? '')).join('');
  return '';
}

/**
 * The mock reply of the lookup scenario: a `lookup` call for the key named in the user turn, then a final
 * answer quoting the tool's result, streamed in small pieces.
 */
export const lookupReply: MockReplyFunction = (request) => {
  const messages = request.body.messages ?? [];
  const last = messages.at(-1);
  if (last?.role === 'tool') return { text: `The answer is ${wireText(last)}.`, chunkSize: 4 };
  const key = /key (\w+)/.exec(wireText(last))?.[1] ?? 'none';
  return { toolCalls: [{ name: 'lookup', arguments: { key } }] };
};

/** The tool result for `key`, and so the answer the run must end with. */
export function expectedAnswer(key: string): string {
  return `The answer is value-of-${key}.`;
}

/** Makes the lookup agent; `duringTool` runs inside each tool call, before it returns. */
export function lookupAgent(options: {
  model: Model;
  memory?: MemoryStore;
  duringTool?: (signal: AbortSignal) => void | Promise<void>;
  name?: string;
}) {
  const lookup = tool({
    description: 'Look up the value stored under a key.',
    parameters: z.object({ key: z.string() }),
    execute: async ({ key }, context) => {
      await options.duringTool?.(context.signal);
      return `value-of-${key}`;
    },
  });
  return defineAgent({
    name: options.name ?? 'lookup-agent',
    model: options.model,
    tools: { lookup },
    ...(options.memory ? { memory: options.memory } : {}),
  });
}
