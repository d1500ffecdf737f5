import { afterEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from '../../../src/models/openai-compatible/index.js';
import type { Message } from '../../../src/models/types.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';
import { addTool } from './helpers.js';

let server: MockOpenAIServer;
afterEach(() => server?.close());

describe('openaiCompatible generate() over real HTTP', () => {
  it('returns text, usage, the response id and the model the server named', async () => {
    server = await createMockOpenAIServer({
      reply: () => ({ text: 'Bonjour !', usage: { promptTokens: 12, completionTokens: 3 } }),
    });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const response = await model.generate({ messages: [{ role: 'user', content: 'Salut' }] });
    expect(response.message).toEqual({ role: 'assistant', content: 'Bonjour !' });
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({ promptTokens: 12, completionTokens: 3, totalTokens: 15 });
    expect(response.meta.model).toBe('mistral-small-3.1');
    expect(response.meta.id).toMatch(/^chatcmpl-/);
    expect(model.provider).toBe('openai-compatible');
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('reads tool calls with server-style ids (no 9-character rule) and a null content', async () => {
    server = await createMockOpenAIServer({
      reply: () => ({
        toolCalls: [
          { name: 'add', arguments: { a: 2, b: 3 } },
          { name: 'add', arguments: '{"a":1,"b":1}' },
        ],
      }),
    });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const response = await model.generate({
      messages: [{ role: 'user', content: 'add 2 3' }],
      tools: [addTool],
    });
    expect(response.finishReason).toBe('tool-calls');
    expect(response.message.content).toBe('');
    expect(response.message.toolCalls).toHaveLength(2);
    expect(response.message.toolCalls?.[0]).toMatchObject({ name: 'add', arguments: '{"a":2,"b":3}' });
    expect(response.message.toolCalls?.[0]?.id).toMatch(/^chatcmpl-tool-[0-9a-f]{32}$/);
  });

  it('replays history in the OpenAI dialect: system kept, thinking stripped, null content with tool calls, ids untouched', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: '5' }) });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const id = 'call_ab12-any-form_0042';
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'add 2 3' },
      {
        role: 'assistant',
        content: [{ type: 'thinking', text: 'the user wants a sum' }],
        toolCalls: [{ id, name: 'add', arguments: '{"a":2,"b":3}' }],
        meta: { route: 'general' },
      },
      { role: 'tool', toolCallId: id, name: 'add', content: '5' },
    ];
    await model.generate({ messages, tools: [addTool] });
    expect(server.requests[0]?.body).toEqual({
      model: 'mistral-small-3.1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'add 2 3' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id, type: 'function', function: { name: 'add', arguments: '{"a":2,"b":3}' } }],
        },
        { role: 'tool', tool_call_id: id, content: '5' },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'add', description: addTool.description, parameters: addTool.parameters },
        },
      ],
    });
  });

  it('sends images as image_url objects and text-only parts as a plain string', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'A cat.' }) });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    await model.generate({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Just text' }] },
        { role: 'assistant', content: 'ok' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', url: png },
            { type: 'image', url: 'https://example.com/cat.jpg' },
          ],
        },
      ],
    });
    const body = server.requests[0]?.body as { messages: unknown[] };
    expect(body.messages[0]).toEqual({ role: 'user', content: 'Just text' });
    expect(body.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: png } },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
      ],
    });
  });

  it('returns reasoning as a thinking part before the text', async () => {
    server = await createMockOpenAIServer({
      family: 'llamacpp',
      reply: () => ({ thinking: 'Two plus three.', text: '5' }),
    });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      family: 'llamacpp',
    });
    const response = await model.generate({ messages: [{ role: 'user', content: '2+3?' }] });
    expect(response.message.content).toEqual([
      { type: 'thinking', text: 'Two plus three.' },
      { type: 'text', text: '5' },
    ]);
  });

  it('sends the API key as a bearer token and extra headers as given', async () => {
    server = await createMockOpenAIServer({ apiKey: 'sk-local-123456' });
    const model = openaiCompatible({
      baseURL: `${server.baseURL}/`,
      model: 'mistral-small-3.1',
      apiKey: 'sk-local-123456',
      headers: { 'X-Gateway': 'lab' },
    });
    const response = await model.generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(response.message.content).toBe('OK');
    expect(server.requests[0]?.headers['x-gateway']).toBe('lab');
    expect(server.requests[0]?.headers.authorization).toBe('[redacted]');
  });

  it('maps length and a stop-with-tool-calls finish reason', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'cut', finishReason: 'length' }) });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1' });
    expect((await model.generate({ messages: [{ role: 'user', content: 'x' }] })).finishReason).toBe(
      'length',
    );
    server.reply(() => ({ toolCalls: [{ name: 'add', arguments: {} }], finishReason: 'stop' }));
    expect(
      (await model.generate({ messages: [{ role: 'user', content: 'x' }], tools: [addTool] })).finishReason,
    ).toBe('tool-calls');
  });
});
