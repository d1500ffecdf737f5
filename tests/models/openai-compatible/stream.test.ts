import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openaiCompatible } from '../../../src/models/openai-compatible/index.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';
import { addTool, bodyOf, collect, finishOf, fixturesRoot, serveBytes } from './helpers.js';

let server: MockOpenAIServer;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await server?.close();
  while (closers.length > 0) await closers.pop()?.();
});

const ask = { messages: [{ role: 'user' as const, content: 'add 2 3' }], tools: [addTool] };

function fixture(path: string): string {
  return readFileSync(new URL(`mistral-wire/stream/${path}`, fixturesRoot), 'utf8');
}

/** The `.chunks.jsonl` fixtures lost their `data: ` prefix and `[DONE]`; put the SSE framing back. */
function jsonlAsSse(path: string): string {
  const lines = fixture(path)
    .split('\n')
    .filter((line) => line.trim() !== '');
  return `${lines.map((line) => `data: ${line}\n\n`).join('')}data: [DONE]\n\n`;
}

async function replay(body: string) {
  const fake = await serveBytes(body);
  closers.push(fake.close);
  return openaiCompatible({ baseURL: fake.baseURL, model: 'replayed', family: 'generic' });
}

describe('openaiCompatible stream() over real HTTP and SSE', () => {
  it('streams text deltas and finishes with the whole response', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'one two three', chunkSize: 4 }) });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const deltas = await collect(model.stream({ messages: [{ role: 'user', content: 'count' }] }));
    const texts = deltas.filter((delta) => delta.type === 'text-delta').map((delta) => delta.text);
    expect(texts).toEqual(['one ', 'two ', 'thre', 'e']);
    expect(finishOf(deltas).message.content).toBe('one two three');
    expect(finishOf(deltas).finishReason).toBe('stop');
  });

  it('assembles tool calls sent whole in one delta without an index (Mistral shape)', async () => {
    server = await createMockOpenAIServer({
      reply: () => ({
        toolCalls: [
          { name: 'add', arguments: { a: 2, b: 3 } },
          { name: 'add', arguments: { a: 4, b: 5 } },
        ],
      }),
    });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const deltas = await collect(model.stream(ask));
    const calls = finishOf(deltas).message.toolCalls ?? [];
    expect(calls.map((call) => call.arguments)).toEqual(['{"a":2,"b":3}', '{"a":4,"b":5}']);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    const toolDeltas = deltas.filter((delta) => delta.type === 'tool-call-delta');
    expect(toolDeltas.map((delta) => delta.index)).toEqual([0, 1]);
  });

  it('assembles tool calls fragmented by index, with the id only in the first fragment', async () => {
    server = await createMockOpenAIServer({
      reply: () => ({
        toolCalls: [
          { name: 'add', arguments: { a: 2, b: 3 }, id: 'call_first' },
          { name: 'add', arguments: { a: 10, b: 20 }, id: 'call_second' },
        ],
        toolCallStyle: 'fragments',
        chunkSize: 3,
      }),
    });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const deltas = await collect(model.stream(ask));
    expect(finishOf(deltas).message.toolCalls).toEqual([
      { id: 'call_first', name: 'add', arguments: '{"a":2,"b":3}' },
      { id: 'call_second', name: 'add', arguments: '{"a":10,"b":20}' },
    ]);
    const withId = deltas.filter((delta) => delta.type === 'tool-call-delta' && delta.id !== undefined);
    expect(withId).toHaveLength(2);
    expect(finishOf(deltas).finishReason).toBe('tool-calls');
  });

  it('asks for usage with stream_options where the family supports it and reads the usage chunk', async () => {
    server = await createMockOpenAIServer({
      family: 'vllm',
      reply: () => ({ text: 'hi', usage: { promptTokens: 7, completionTokens: 1 } }),
    });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const deltas = await collect(model.stream({ messages: [{ role: 'user', content: 'x' }] }));
    expect(bodyOf(server).stream_options).toEqual({
      include_usage: true,
    });
    expect(finishOf(deltas).usage).toEqual({ promptTokens: 7, completionTokens: 1, totalTokens: 8 });
  });

  it('without include_usage the server sends no usage and the response reports zeros', async () => {
    server = await createMockOpenAIServer({
      family: 'generic',
      reply: () => ({ text: 'hi', usage: { promptTokens: 7, completionTokens: 1 } }),
    });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      family: 'generic',
    });
    const deltas = await collect(model.stream({ messages: [{ role: 'user', content: 'x' }] }));
    expect(bodyOf(server).stream_options).toBeUndefined();
    expect(finishOf(deltas).usage).toEqual({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
  });

  it('asks llama.cpp for streamed usage, which it sends only when asked (llama.cpp #16052)', async () => {
    server = await createMockOpenAIServer({
      family: 'llamacpp',
      reply: () => ({ text: 'hi', usage: { promptTokens: 9, completionTokens: 2 } }),
    });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      family: 'llamacpp',
    });
    const deltas = await collect(model.stream({ messages: [{ role: 'user', content: 'x' }] }));
    expect(bodyOf(server).stream_options).toEqual({ include_usage: true });
    expect(finishOf(deltas).usage).toEqual({ promptTokens: 9, completionTokens: 2, totalTokens: 11 });
  });

  it('assembles Ollama parallel calls by id: every one arrives with index 0 (ollama#15457)', async () => {
    server = await createMockOpenAIServer({
      family: 'ollama',
      reply: () => ({
        toolCalls: [
          { id: 'call_aaaa1111', name: 'add', arguments: { a: 1, b: 2 } },
          { id: 'call_bbbb2222', name: 'add', arguments: { a: 3, b: 4 } },
          { id: 'call_cccc3333', name: 'add', arguments: { a: 5, b: 6 } },
        ],
      }),
    });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'ollama' });
    const deltas = await collect(model.stream({ messages: [{ role: 'user', content: 'sums' }] }));
    expect(finishOf(deltas).message.toolCalls).toEqual([
      { id: 'call_aaaa1111', name: 'add', arguments: '{"a":1,"b":2}' },
      { id: 'call_bbbb2222', name: 'add', arguments: '{"a":3,"b":4}' },
      { id: 'call_cccc3333', name: 'add', arguments: '{"a":5,"b":6}' },
    ]);
  });

  it('sends parallel_tool_calls to vLLM, which honours it (vllm #26233)', async () => {
    server = await createMockOpenAIServer({
      family: 'vllm',
      reply: () => ({
        toolCalls: [
          { name: 'add', arguments: { a: 1, b: 2 } },
          { name: 'add', arguments: { a: 3, b: 4 } },
        ],
      }),
    });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
    const deltas = await collect(
      model.stream({
        messages: [{ role: 'user', content: 'sums' }],
        tools: [addTool],
        settings: { parallelToolCalls: false },
      }),
    );
    expect(bodyOf(server).parallel_tool_calls).toBe(false);
    expect(finishOf(deltas).message.toolCalls).toHaveLength(1);
  });

  it('streams reasoning as thinking deltas (vLLM reasoning_content, LM Studio reasoning)', async () => {
    for (const family of ['vllm', 'lmstudio'] as const) {
      const mock = await createMockOpenAIServer({
        family,
        reply: () => ({ thinking: 'Adding.', text: '5' }),
      });
      const model = openaiCompatible({ baseURL: mock.baseURL, model: 'mistral-small-3.1', family });
      const deltas = await collect(model.stream({ messages: [{ role: 'user', content: '2+3' }] }));
      await mock.close();
      expect(
        deltas
          .filter((delta) => delta.type === 'thinking-delta')
          .map((delta) => delta.text)
          .join(''),
      ).toBe('Adding.');
      expect(finishOf(deltas).message.content).toEqual([
        { type: 'thinking', text: 'Adding.' },
        { type: 'text', text: '5' },
      ]);
    }
  });
});

describe('recorded streams replayed byte for byte (../shared/fixtures/mistral-wire/stream)', () => {
  it('text.mistral-tiny.2025-09.sse: padding fields ignored, usage from the finish chunk', async () => {
    const model = await replay(fixture('text.mistral-tiny.2025-09.sse'));
    const response = finishOf(await collect(model.stream({ messages: [{ role: 'user', content: 'joke' }] })));
    expect(response.message.content).toMatch(/^Why did/);
    expect(response.usage).toEqual({ promptTokens: 11, completionTokens: 43, totalTokens: 54 });
    expect(response.meta).toEqual({ model: 'mistral-tiny', id: 'd3a0f557943648c49fb019bc65a64334' });
  });

  it('tool-call.mistral-small.2024-04.sse: whole call with finish and usage, [DONE] without a trailing blank line', async () => {
    const model = await replay(fixture('tool-call.mistral-small.2024-04.sse'));
    const response = finishOf(await collect(model.stream(ask)));
    expect(response.message.toolCalls).toEqual([
      {
        id: 'u2ef3Udel',
        name: 'WeatherPlugin-GetWeather',
        arguments: '{"location": "Paris", "unit": "celsius"}',
      },
    ]);
    expect(response.usage.totalTokens).toBe(149);
  });

  it('tool-call.mistral-small.2026-01.chunks.jsonl: the 2026 whole-call shape', async () => {
    const model = await replay(jsonlAsSse('tool-call.mistral-small.2026-01.chunks.jsonl'));
    const response = finishOf(await collect(model.stream(ask)));
    expect(response.message.toolCalls).toEqual([
      { id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' },
    ]);
  });

  it('tool-call-incremental.zai-glm-5-2.2026-08.chunks.jsonl: fragments with an empty name later, cached tokens', async () => {
    const model = await replay(jsonlAsSse('tool-call-incremental.zai-glm-5-2.2026-08.chunks.jsonl'));
    const response = finishOf(await collect(model.stream(ask)));
    expect(response.message.toolCalls).toEqual([
      {
        id: 'chatcmpl-tool-9f149c74c42f265b',
        name: 'webSearchTool',
        arguments: '{"query": "current Berlin weather"}',
      },
    ]);
    expect(response.usage.cachedTokens).toBe(128);
  });

  it('thinking.magistral-medium-2507.2026-01.chunks.jsonl: thinking chunk arrays become thinking deltas', async () => {
    const model = await replay(jsonlAsSse('thinking.magistral-medium-2507.2026-01.chunks.jsonl'));
    const deltas = await collect(model.stream({ messages: [{ role: 'user', content: '2+2' }] }));
    const thinking = deltas
      .filter((delta) => delta.type === 'thinking-delta')
      .map((delta) => delta.text)
      .join('');
    expect(thinking).toMatch(/^The user is asking for 2\+2/);
    expect(
      deltas
        .filter((delta) => delta.type === 'text-delta')
        .map((delta) => delta.text)
        .join(''),
    ).toContain('2 + 2 = 4');
  });
});

describe('stopping early', () => {
  it('breaking out of a stream frees the connection for the next call', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'a b c d e f g' }), chunkDelayMs: 20 });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1' });
    for await (const delta of model.stream({ messages: [{ role: 'user', content: 'x' }] })) {
      if (delta.type === 'text-delta') break;
    }
    const response = await model.generate({ messages: [{ role: 'user', content: 'again' }] });
    expect(response.message.content).toBe('a b c d e f g');
  });
});
