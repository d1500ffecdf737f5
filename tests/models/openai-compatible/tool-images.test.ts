import { afterEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from '../../../src/models/openai-compatible/index.js';
import type { Message } from '../../../src/models/types.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';

let server: MockOpenAIServer;
afterEach(() => server?.close());

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('images in tool results, for OpenAI-compatible servers', () => {
  it('sends the text as the tool message and the images in a user message after the group', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'A login form.' }) });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const messages: Message[] = [
      { role: 'user', content: 'What is on the page?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'call_1', name: 'shot', arguments: '{}' },
          { id: 'call_2', name: 'title', arguments: '{}' },
        ],
      },
      {
        role: 'tool',
        toolCallId: 'call_1',
        name: 'shot',
        content: [
          { type: 'text', text: 'Page 1' },
          { type: 'image', url: PNG },
        ],
      },
      { role: 'tool', toolCallId: 'call_2', name: 'title', content: 'Login' },
    ];
    const response = await model.generate({ messages });
    expect(response.message.content).toBe('A login form.');
    const sent = (server.requests[0]!.body as { messages: Array<{ role: string; content: unknown }> })
      .messages;
    expect(sent.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'user']);
    expect(sent[2]!.content).toBe('Page 1\n\n[an image: in the next user message]');
    expect(sent[3]!.content).toBe('Login');
    expect(sent[4]!.content).toEqual([
      { type: 'text', text: 'The image returned by tool "shot" (call call_1):' },
      { type: 'image_url', image_url: { url: PNG } },
    ]);
  });

  it('describes the images instead with vision: false (a text-only model)', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'No image.' }) });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      family: 'vllm',
      vision: false,
    });
    await model.generate({
      messages: [
        { role: 'user', content: 'Look.' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'shot', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'call_1', name: 'shot', content: [{ type: 'image', url: PNG }] },
      ],
    });
    const sent = (server.requests[0]!.body as { messages: Array<{ role: string; content: unknown }> })
      .messages;
    expect(sent.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(sent[2]!.content).toBe('[an image not shown: this model cannot see images]');
  });
});
