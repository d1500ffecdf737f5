import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsWithoutCounting } from '../../src/agent/fits-without-counting.js';
import type { Message, ToolSpec } from '../../src/models/types.js';
import { defaultTokenCounter } from '../../src/tokens/default-counter.js';

const counter = defaultTokenCounter();
const tools: ToolSpec[] = [
  {
    name: 'add',
    description: 'Add two numbers.',
    parameters: { type: 'object', properties: { a: { type: 'number' } } },
  },
];
const toolsLength = JSON.stringify(tools).length;

// Text from scripts whose Tekken cost per character differs a lot: Latin, Arabic, CJK, emoji, digits.
const text = fc
  .array(fc.constantFrom('hello ', 'مرحبا ', '你好', '🙂', '12345', 'ğüşçö ', '\n', 'function f() {}'), {
    maxLength: 60,
  })
  .map((pieces) => pieces.join(''));
const message: fc.Arbitrary<Message> = fc.oneof(
  text.map((content) => ({ role: 'user' as const, content })),
  text.map((content) => ({ role: 'assistant' as const, content })),
  fc.tuple(text, text).map(([name, args]) => ({
    role: 'assistant' as const,
    content: '',
    toolCalls: [{ id: 'abcDEF123', name: `t${name.length}`, arguments: JSON.stringify({ q: args }) }],
  })),
  text.map((content) => ({ role: 'tool' as const, toolCallId: 'abcDEF123', name: 'add', content })),
);

describe('fitsWithoutCounting', () => {
  it('only says yes when the exact Tekken count is below the window after the reserve', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 200, max: 20_000 }),
        (messages, window) => {
          const reserve = 100;
          if (!fitsWithoutCounting(messages, tools, toolsLength, window, reserve)) return;
          const exact =
            messages.reduce((sum, entry) => sum + counter.count(entry), 0) + counter.countTools(tools);
          expect(exact).toBeLessThanOrEqual(window - reserve);
          checked++;
        },
      ),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('says yes for a short chat in a 128K window, no near the limit and for images', () => {
    const chat: Message[] = [
      { role: 'user', content: 'What is 2 + 3?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'abcDEF123', name: 'add', arguments: '{"a":2,"b":3}' }],
      },
      { role: 'tool', toolCallId: 'abcDEF123', name: 'add', content: '5' },
    ];
    expect(fitsWithoutCounting(chat, tools, toolsLength, 131_072, 4_096)).toBe(true);
    const long: Message[] = [{ role: 'user', content: 'x'.repeat(50_000) }];
    expect(fitsWithoutCounting(long, tools, toolsLength, 131_072, 4_096)).toBe(false);
    const image: Message[] = [
      { role: 'user', content: [{ type: 'image', url: 'https://example.com/a.png' }] },
    ];
    expect(fitsWithoutCounting(image, [], 0, 131_072, 4_096)).toBe(false);
  });
});
