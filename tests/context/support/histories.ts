import fc from 'fast-check';
import type { Message, ToolSpec } from '../../../src/models/types.js';
import type { TokenCounter } from '../../../src/tokens/types.js';

/** A counter where a message costs its text length plus 4: easy to reason about in tests. */
export function characterCounter(exact = true): TokenCounter {
  const textOf = (message: Message): string => {
    const text =
      typeof message.content === 'string'
        ? message.content
        : message.content.map((part) => ('text' in part ? part.text : '')).join('');
    const calls = message.role === 'assistant' ? (message.toolCalls ?? []).map((call) => call.arguments) : [];
    return text + calls.join('');
  };
  return {
    exact,
    countText: (text) => text.length,
    count: (message) => textOf(message).length + 4,
    countTools: (tools: readonly ToolSpec[]) => JSON.stringify(tools).length,
  };
}

let callSerial = 0;

/** One turn: a user message, up to three tool-call groups, and a final answer (sometimes with thinking). */
export function makeTurn(
  index: number,
  sizes: { user: number; tool: number[][]; answer: number; thinking?: number },
) {
  const turn: Message[] = [{ role: 'user', content: `u${index} ${'x'.repeat(sizes.user)}` }];
  for (const group of sizes.tool) {
    const ids = group.map(() => `c${String(callSerial++).padStart(8, '0')}`);
    turn.push({
      role: 'assistant',
      content: '',
      toolCalls: ids.map((id) => ({ id, name: 'read', arguments: '{"path":"a.txt"}' })),
    });
    group.forEach((size, position) => {
      turn.push({ role: 'tool', toolCallId: ids[position]!, name: 'read', content: 'r'.repeat(size) });
    });
  }
  const answer = `a${index} ${'y'.repeat(sizes.answer)}`;
  turn.push(
    sizes.thinking
      ? {
          role: 'assistant',
          content: [
            { type: 'thinking', text: 't'.repeat(sizes.thinking) },
            { type: 'text', text: answer },
          ],
        }
      : { role: 'assistant', content: answer },
  );
  return turn;
}

const turnSizes = fc.record({
  user: fc.integer({ min: 1, max: 400 }),
  tool: fc.array(fc.array(fc.integer({ min: 1, max: 6_000 }), { minLength: 1, maxLength: 3 }), {
    maxLength: 3,
  }),
  answer: fc.integer({ min: 1, max: 600 }),
  thinking: fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: undefined }),
});

/** A random conversation: a system message and 1-40 turns; the last turn may stop after tool results. */
export const historyArbitrary = fc
  .tuple(fc.array(turnSizes, { minLength: 1, maxLength: 40 }), fc.boolean())
  .map(([turns, openEnded]) => {
    const messages: Message[] = [{ role: 'system', content: 'You are a careful assistant.' }];
    turns.forEach((sizes, index) => {
      messages.push(...makeTurn(index, sizes));
    });
    if (openEnded && messages.at(-1)?.role === 'assistant' && messages.at(-2)?.role === 'tool')
      messages.pop();
    return messages;
  });

/** Throws unless `messages` is a valid Mistral context: role order, tool calls paired, no orphan results. */
export function assertValidContext(messages: readonly Message[]): void {
  let index = 0;
  while (messages[index]?.role === 'system') index++;
  if (messages[index]?.role === 'assistant') {
    const summary = messages[index] as Extract<Message, { role: 'assistant' }>;
    if (summary.meta?.synthetic !== 'summary')
      throw new Error(`message ${index} is an assistant after system`);
    index++;
  }
  if (index < messages.length && messages[index]?.role !== 'user') {
    throw new Error(`message ${index} after the system messages is ${messages[index]?.role}, not user`);
  }
  const open = new Set<string>();
  for (let position = index; position < messages.length; position++) {
    const message = messages[position]!;
    if (message.role === 'system') throw new Error(`system message in the middle at ${position}`);
    if (message.role === 'tool') {
      if (!open.delete(message.toolCallId)) throw new Error(`orphan tool result ${message.toolCallId}`);
    } else {
      if (open.size > 0 && message.role === 'user')
        throw new Error(`unanswered calls before user at ${position}`);
      if (message.role === 'assistant') for (const call of message.toolCalls ?? []) open.add(call.id);
    }
  }
}
