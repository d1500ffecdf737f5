import { MistralCore } from '@mistralai/mistralai/core.js';
import { chatComplete } from '@mistralai/mistralai/funcs/chatComplete.js';
import { chatStream } from '@mistralai/mistralai/funcs/chatStream.js';
import { fimComplete } from '@mistralai/mistralai/funcs/fimComplete.js';
import { modelsList } from '@mistralai/mistralai/funcs/modelsList.js';
import type { CompletionEvent } from '@mistralai/mistralai/models/components';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockMistralServer, type MockMistralServer } from '../../../src/testing/mock-server/index.js';

const apiKey = 'sk-test-secret-value';
let server: MockMistralServer;
let client: MistralCore;

beforeEach(async () => {
  server = await createMockMistralServer({ apiKey });
  client = new MistralCore({ apiKey, serverURL: server.url });
});
afterEach(() => server.close());

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

async function collect(events: AsyncIterable<CompletionEvent>): Promise<CompletionEvent[]> {
  const all: CompletionEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('mock server with the real SDK (MistralCore + funcs) over HTTP', () => {
  it('completes a chat and records the request with the key redacted', async () => {
    const result = await chatComplete(client, {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'Salut' }],
    });
    if (!result.ok) throw result.error;
    expect(result.value.choices?.[0]?.message?.content).toContain('Salut');
    expect(result.value.usage.totalTokens).toBe(
      result.value.usage.promptTokens! + result.value.usage.completionTokens!,
    );
    const recorded = server.requests[0]!;
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'mistral-small-latest' },
    });
    expect(recorded.headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(server.requests)).not.toContain(apiKey);
  });

  it('gives the reply function the parsed request, and returns tool calls the SDK parses', async () => {
    server.reply((request) => {
      expect(request).toMatchObject({ kind: 'chat', stream: false, index: 0, path: '/v1/chat/completions' });
      return { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] };
    });
    const result = await chatComplete(client, {
      model: 'mistral-large-latest',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
    });
    if (!result.ok) throw result.error;
    const call = result.value.choices?.[0]?.message?.toolCalls?.[0];
    expect(call?.id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(call?.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(result.value.choices?.[0]?.finishReason).toBe('tool_calls');
  });

  it('accepts the SDK-serialised follow-up with the tool result', async () => {
    const result = await chatComplete(client, {
      model: 'mistral-large-latest',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'KikbB849t', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        { role: 'tool', toolCallId: 'KikbB849t', name: 'get_weather', content: 'Sunny' },
      ],
      tools: [weatherTool],
    });
    expect(result.ok).toBe(true);
  });

  for (const style of ['whole', 'fragments'] as const) {
    it(`streams text and ${style} tool calls through chatStream`, async () => {
      server.reply(() => ({
        text: 'Checking.',
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
        toolCallStyle: style,
      }));
      const result = await chatStream(client, {
        model: 'mistral-small-latest',
        messages: [{ role: 'user', content: 'Oslo?' }],
      });
      if (!result.ok) throw result.error;
      const events = await collect(result.value);
      const text = events
        .map((event) => event.data.choices[0]?.delta.content)
        .filter((part) => typeof part === 'string')
        .join('');
      expect(text).toBe('Checking.');
      const calls = events.flatMap((event) => event.data.choices[0]?.delta.toolCalls ?? []);
      expect(calls.map((call) => call.function.arguments).join('')).toBe('{"city":"Oslo"}');
      expect(events.at(-1)?.data.usage?.totalTokens).toBeGreaterThan(0);
      expect(events.at(-1)?.data.choices[0]?.finishReason).toBe('tool_calls');
    });
  }

  it('answers FIM and lists models', async () => {
    server.reply(() => ({ text: '\n    return a + b' }));
    const fim = await fimComplete(client, {
      model: 'codestral-latest',
      prompt: 'def add(a, b):',
      suffix: '\n',
    });
    if (!fim.ok) throw fim.error;
    expect(fim.value.choices?.[0]?.message?.content).toBe('\n    return a + b');
    const models = await modelsList(client);
    if (!models.ok) throw models.error;
    const ids = models.value.data?.map((model) => ('id' in model ? model.id : undefined));
    expect(ids).toContain('codestral-2508');
    expect(ids).toContain('mistral-saba-2502');
  });

  it('answers 401 with the recorded body for a wrong key', async () => {
    const stranger = new MistralCore({ apiKey: 'wrong', serverURL: server.url });
    const result = await chatComplete(stranger, {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error).toMatchObject({
      statusCode: 401,
      body: '{"detail":"Unauthorized"}',
    });
  });

  it('surfaces rule violations as SDK errors with the API body (3230) and 422 as HTTPValidationError', async () => {
    const order = await chatComplete(client, {
      model: 'mistral-small-latest',
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: 'y' },
      ],
    });
    expect(order.ok ? undefined : order.error).toMatchObject({
      statusCode: 400,
      body: expect.stringContaining('"code":"3230"'),
    });
    const retired = await chatComplete(client, {
      model: 'mistral-saba-2502',
      messages: [{ role: 'user', content: 'مرحبا' }],
    });
    expect(retired.ok ? undefined : retired.error).toMatchObject({ statusCode: 400 });
    const extra = await chatComplete(client, {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'x' }],
      tools: [],
    });
    expect(extra.ok ? undefined : extra.error?.constructor.name).toBe('HTTPValidationError');
  });
});
