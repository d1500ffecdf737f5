import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { UserInputError } from '../../src/errors.js';
import { createMistral } from '../../src/models/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/index.js';
import { tool, toolContent } from '../../src/tools/index.js';
import { createChatHandler, toMessages } from '../../src/web/index.js';
import { serveHandler, TestChat } from './support.js';

// A 1x1 PNG: small enough to read in a failure message, real enough for the mock's image checks.
const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A message of a recorded request body, as much of it as these checks read. */
interface WireMessage {
  role: string;
  content: string | Array<{ type: string }>;
}

let mock: MockMistralServer;
beforeAll(async () => {
  mock = await createMockMistralServer({
    reply: ({ body }) => {
      const messages = body.messages ?? [];
      const last = messages.at(-1);
      const asked = messages.filter((message) => message.role === 'user').length;
      // Turn 1 calls the tool; every later request answers with text.
      if (asked === 1 && last?.role === 'user') return { toolCalls: [{ name: 'screenshot', arguments: {} }] };
      return { text: 'A single white pixel.' };
    },
  });
});
afterAll(() => mock.close());

describe('createChatHandler: a tool that returns images', () => {
  it('streams the images to the browser in the tool output, and reads them back as images next turn', async () => {
    const screenshot = tool({
      description: 'Take a screenshot of the page.',
      parameters: z.object({}),
      execute: () =>
        toolContent([
          { type: 'text', text: 'The page, rendered.' },
          { type: 'image', url: PIXEL },
        ]),
    });
    const model = createMistral({ apiKey: 'mock-key', serverURL: mock.url })('mistral-small-latest');
    // No memory: the second turn's history is what the browser sends back.
    const agent = defineAgent({ name: 'shots', model, tools: { screenshot } });
    const site = await serveHandler(createChatHandler(agent));
    try {
      const chat = new TestChat(`${site.url}/api/chat`);
      await chat.sendMessage({ text: 'Take a screenshot.' });
      expect(chat.error).toBeUndefined();
      const call = chat.current[1]?.parts.find((part) => part.type === 'tool-screenshot');
      expect(call).toMatchObject({
        state: 'output-available',
        output: {
          type: 'tool-content',
          parts: [
            { type: 'text', text: 'The page, rendered.' },
            { type: 'image', url: PIXEL },
          ],
        },
      });

      const before = mock.requests.length;
      await chat.sendMessage({ text: 'What did it show?' });
      expect(chat.error).toBeUndefined();
      const body = mock.requests.slice(before).at(-1)?.body as { messages: WireMessage[] } | undefined;
      const sent = body?.messages ?? [];
      const toolMessage = sent.find((message) => message.role === 'tool');
      // The model reads the tool's text, not the JSON of its output with the image's base64 inside.
      expect(toolMessage?.content).toContain('The page, rendered.');
      expect(JSON.stringify(toolMessage?.content)).not.toContain('base64');
      // ... and sees the image as an image (on Mistral: a user message after the tool result).
      const images = sent.flatMap((message) =>
        Array.isArray(message.content) ? message.content.filter((chunk) => chunk.type === 'image_url') : [],
      );
      expect(images).toHaveLength(1);
      expect(JSON.stringify(images[0])).toContain(PIXEL);
    } finally {
      await site.close();
    }
  });
});

describe('toMessages: tool outputs of text and images', () => {
  const answer = (output: unknown) => ({
    id: 'a1',
    role: 'assistant' as const,
    parts: [{ type: 'tool-screenshot', toolCallId: 'c1', state: 'output-available', input: {}, output }],
  });

  it('joins the texts as the loop does and keeps the images, in order', () => {
    const [, result] = toMessages([
      answer({
        type: 'tool-content',
        parts: [
          { type: 'text', text: 'one' },
          { type: 'image', url: PIXEL },
          { type: 'text', text: 'two' },
        ],
      }),
    ]);
    expect(result).toEqual({
      role: 'tool',
      toolCallId: 'c1',
      name: 'screenshot',
      content: [
        { type: 'text', text: 'one\n\ntwo' },
        { type: 'image', url: PIXEL },
      ],
    });
  });

  it('refuses a part that is neither text nor an image, naming it', () => {
    const bad = () => toMessages([answer({ type: 'tool-content', parts: [{ type: 'audio', url: 'x' }] })]);
    expect(bad).toThrow(UserInputError);
    expect(bad).toThrow(expect.objectContaining({ path: 'messages[0].parts[0].output.parts[0]' }));
    const notArray = () => toMessages([answer({ type: 'tool-content', parts: 'x' })]);
    expect(notArray).toThrow(expect.objectContaining({ path: 'messages[0].parts[0].output.parts' }));
  });
});
