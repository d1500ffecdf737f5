import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { shortenMessage } from '../../src/context/shorten.js';
import { UserInputError } from '../../src/errors.js';
import { InMemoryStore } from '../../src/memory/in-memory-store.js';
import type { Message, ToolMessage } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';
import { isToolContent, toolContent } from '../../src/tools/tool-content.js';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

const screenshot = tool({
  description: 'Screenshot a page.',
  parameters: z.object({ page: z.string() }),
  execute: ({ page }) =>
    toolContent([
      { type: 'text', text: `Screenshot of ${page}: ${'x'.repeat(40)}` },
      { type: 'image', url: PNG },
    ]),
});

describe('toolContent', () => {
  it('refuses a part that is neither text nor image, naming it', () => {
    expect(() => toolContent([{ type: 'text', text: 'ok' }, { type: 'video', url: 'x' } as never])).toThrow(
      UserInputError,
    );
    expect(() => toolContent([{ type: 'image', url: '' }])).toThrow(/part 0 is not a text or image part/);
    expect(() => toolContent('text' as never)).toThrow(/takes an array of parts/);
  });

  it('is told apart from a plain object of the same shape', () => {
    expect(isToolContent(toolContent([]))).toBe(true);
    expect(isToolContent({ type: 'tool-content', parts: [] })).toBe(false);
    expect(isToolContent(JSON.parse(JSON.stringify(toolContent([]))))).toBe(false);
  });

  it('reaches the model, the record and the stored session as text and image parts', async () => {
    const model = new FakeModel({
      steps: [
        { toolCalls: [{ name: 'screenshot', arguments: { page: 'home' } }] },
        { text: 'A login form.' },
      ],
    });
    const memory = new InMemoryStore();
    const agent = defineAgent({ name: 'eyes', model, memory, tools: { screenshot }, toolOutputLimit: 30 });
    const ends: unknown[] = [];
    const result = await run(agent, 'What is on the home page?', {
      session: 's',
      onEvent: (event) => {
        if (event.type === 'tool-call-end') ends.push(event.images);
      },
    });
    expect(ends).toEqual([[{ type: 'image', url: PNG }]]);
    expect(result.text).toBe('A login form.');
    const record = result.steps[0]!.toolCalls[0]!;
    expect(record.result).toMatch(/^Screenshot of home: x+\n\[truncated: \d+ of \d+ characters not shown\]$/);
    expect(record.images).toEqual([{ type: 'image', url: PNG }]);
    const toolMessage = model.requests[1]!.messages.at(-1) as ToolMessage;
    expect(toolMessage.content).toEqual([
      { type: 'text', text: record.result },
      { type: 'image', url: PNG },
    ]);
    const stored = await memory.load('s');
    expect(stored.map((message: Message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(stored[2]).toEqual(toolMessage);
  });

  it('leaves a note of the images when the context manager shortens an old result', () => {
    const old: ToolMessage = {
      role: 'tool',
      toolCallId: 'abcDEF123',
      name: 'screenshot',
      content: [
        { type: 'text', text: 'Screenshot of home' },
        { type: 'image', url: PNG },
        { type: 'image', url: PNG },
      ],
    };
    expect(shortenMessage(old, 100)).toEqual({
      ...old,
      content: 'Screenshot of home\n[dragoman: 2 images of this tool result omitted]',
    });
  });
});
