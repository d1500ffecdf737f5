import {
  chatCompletionResponseFromJSON,
  completionChunkFromJSON,
  fimCompletionResponseFromJSON,
  modelListFromJSON,
} from '@mistralai/mistralai/models/components';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockMistralServer, type MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { chatBody, postJson, readWireFixture, sseDataLines } from './helpers.js';

let server: MockMistralServer;
beforeEach(async () => {
  server = await createMockMistralServer({ paddingSeed: 7 });
});
afterEach(() => server.close());

async function streamLines(body: Record<string, unknown>): Promise<{ lines: string[]; response: Response }> {
  const response = await postJson(server, '/v1/chat/completions', { ...body, stream: true });
  return { lines: sseDataLines(await response.text()), response };
}

describe('mock server wire format: JSON', () => {
  it('answers a chat.completion whose fields and order follow the recorded responses and parse with the SDK', async () => {
    const response = await postJson(server, '/v1/chat/completions', chatBody());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.text();
    const body = JSON.parse(text);
    expect(Object.keys(body)).toEqual(['id', 'object', 'created', 'model', 'choices', 'usage']);
    expect(body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.object).toBe('chat.completion');
    expect(Object.keys(body.choices[0])).toEqual(['index', 'message', 'finish_reason']);
    expect(Object.keys(body.choices[0].message)).toEqual(['role', 'tool_calls', 'content']);
    expect(body.choices[0].message.content).toContain('Hello');
    const parsed = chatCompletionResponseFromJSON(text);
    expect(parsed.ok).toBe(true);
  });

  it('sends tool calls with 9-character ids, string arguments and an index, like the 2026 recording', async () => {
    server.reply(() => ({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] }));
    const text = await (await postJson(server, '/v1/chat/completions', chatBody())).text();
    const recorded = JSON.parse(readWireFixture('chat/tool-call.mistral-large.2026-01.response.json'));
    const body = JSON.parse(text);
    const call = body.choices[0].message.tool_calls[0];
    expect(Object.keys(call).sort()).toEqual(Object.keys(recorded.choices[0].message.tool_calls[0]).sort());
    expect(call.id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(call.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    expect(body.choices[0].message.content).toBe('');
    expect(chatCompletionResponseFromJSON(text).ok).toBe(true);
  });

  it('sends thinking as a content array of thinking and text chunks', async () => {
    server.reply(() => ({ thinking: 'Two plus two.', text: '4' }));
    const text = await (await postJson(server, '/v1/chat/completions', chatBody())).text();
    const content = JSON.parse(text).choices[0].message.content;
    expect(content).toEqual([
      { type: 'thinking', thinking: [{ type: 'text', text: 'Two plus two.' }], closed: true },
      { type: 'text', text: '4' },
    ]);
    const parsed = chatCompletionResponseFromJSON(text);
    expect(parsed.ok && parsed.value.choices?.[0]?.message?.content).toHaveLength(2);
  });

  it('answers FIM in the chat-completion shape of the recorded FIM response', async () => {
    const response = await postJson(server, '/v1/fim/completions', {
      model: 'codestral-latest',
      prompt: 'def add(a, b):',
      suffix: 'print(add(1, 2))',
    });
    const text = await response.text();
    const recorded = JSON.parse(readWireFixture('fim/fim.codestral-2501.2025-06.response.json'));
    const body = JSON.parse(text);
    expect(Object.keys(body).sort()).toEqual(Object.keys(recorded).sort());
    expect(body.choices[0].message.content).toContain('def add(a, b):');
    expect(fimCompletionResponseFromJSON(text).ok).toBe(true);
  });

  it('lists models, retired ones with their deprecation and replacement, in a shape the SDK parses', async () => {
    const response = await fetch(`${server.url}/v1/models`);
    const text = await response.text();
    const parsed = modelListFromJSON(text);
    expect(parsed.ok).toBe(true);
    const saba = JSON.parse(text).data.find((model: { id: string }) => model.id === 'mistral-saba-2502');
    expect(saba).toMatchObject({
      deprecation_replacement_model: 'mistral-small-latest',
      max_context_length: 32_768,
    });
  });

  it('sets x-model-deprecation-timestamp for models declared deprecated', async () => {
    await server.close();
    server = await createMockMistralServer({
      deprecated: { 'mistral-large-latest': '2026-12-31T00:00:00Z' },
    });
    const deprecated = await postJson(
      server,
      '/v1/chat/completions',
      chatBody({ model: 'mistral-large-latest' }),
    );
    expect(deprecated.headers.get('x-model-deprecation-timestamp')).toBe('2026-12-31T00:00:00Z');
    const current = await postJson(server, '/v1/chat/completions', chatBody());
    expect(current.headers.get('x-model-deprecation-timestamp')).toBeNull();
  });
});

describe('mock server wire format: SSE', () => {
  it('frames a text stream like the recording: first delta, p padding, usage with finish_reason, [DONE]', async () => {
    server.reply(() => ({ text: 'Why did the trace cross the road?' }));
    const { lines, response } = await streamLines(chatBody());
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(lines.at(-1)).toBe('[DONE]');
    const chunks = lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks[0].p).toBeUndefined();
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const chunk of chunks.slice(1))
      expect(alphabet.startsWith(chunk.p) && chunk.p.length > 0).toBe(true);
    const paddings = new Set(chunks.slice(1).map((chunk) => chunk.p.length));
    expect(paddings.size).toBeGreaterThan(1);
    const text = chunks
      .map((chunk) =>
        typeof chunk.choices[0].delta.content === 'string' ? chunk.choices[0].delta.content : '',
      )
      .join('');
    expect(text).toBe('Why did the trace cross the road?');
    const last = chunks.at(-1);
    expect(last.choices[0]).toMatchObject({ delta: { content: '' }, finish_reason: 'stop' });
    expect(Object.keys(last.usage)).toEqual(['prompt_tokens', 'completion_tokens', 'total_tokens']);
    expect(
      chunks
        .slice(0, -1)
        .every((chunk) => chunk.usage === undefined && chunk.choices[0].finish_reason === null),
    ).toBe(true);
    for (const line of lines.slice(0, -1)) expect(completionChunkFromJSON(line).ok).toBe(true);
  });

  it('frames every chunk of the recorded text stream the same way (keys per chunk)', async () => {
    const recorded = sseDataLines(readWireFixture('stream/text.mistral-tiny.2025-09.sse'));
    const { lines } = await streamLines(chatBody());
    const keysOf = (line: string) => Object.keys(JSON.parse(line)).join(',');
    expect(keysOf(lines[0]!)).toBe(keysOf(recorded[0]!));
    expect(keysOf(lines[1]!)).toBe(keysOf(recorded[1]!));
    expect(keysOf(lines.at(-2)!)).toBe(keysOf(recorded.at(-2)!));
  });

  it('streams whole tool calls in one final delta, as Mistral models do', async () => {
    server.reply(() => ({
      toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' }, id: 'gSIMJiOkT' }],
    }));
    const { lines } = await streamLines(chatBody());
    const recordedLast = JSON.parse(
      readWireFixture('stream/tool-call.mistral-small.2026-01.chunks.jsonl').trim().split('\n').at(-1)!,
    );
    const last = JSON.parse(lines.at(-2)!);
    expect(last.choices[0].delta).toEqual({
      content: null,
      tool_calls: [
        { id: 'gSIMJiOkT', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } },
      ],
    });
    expect(Object.keys(last.choices[0].delta)).toEqual(Object.keys(recordedLast.choices[0].delta));
    expect(last.choices[0].finish_reason).toBe('tool_calls');
    expect(last.usage).toBeDefined();
    for (const line of lines.slice(0, -1)) expect(completionChunkFromJSON(line).ok).toBe(true);
  });

  it('streams tool-call fragments keyed by index, like the zai-glm recording', async () => {
    server.reply(() => ({
      toolCalls: [{ name: 'webSearchTool', arguments: '{"query": "current Berlin weather"}' }],
      toolCallStyle: 'fragments',
      chunkSize: 12,
    }));
    const { lines } = await streamLines(chatBody());
    const chunks = lines.slice(0, -1).map((line) => JSON.parse(line));
    const fragments = chunks.flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? []);
    const recorded = readWireFixture('stream/tool-call-incremental.zai-glm-5-2.2026-08.chunks.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).choices[0].delta.tool_calls?.[0]);
    expect(Object.keys(fragments[0]).sort()).toEqual(Object.keys(recorded[0]).sort());
    expect(Object.keys(fragments[1]).sort()).toEqual(Object.keys(recorded[1]).sort());
    expect(fragments[0]).toMatchObject({
      type: 'function',
      index: 0,
      function: { name: 'webSearchTool', arguments: '' },
    });
    expect(fragments[0].id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(fragments.slice(1).every((fragment: { id?: string }) => fragment.id === undefined)).toBe(true);
    expect(
      fragments.map((fragment: { function: { arguments: string } }) => fragment.function.arguments).join(''),
    ).toBe('{"query": "current Berlin weather"}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
    for (const line of lines.slice(0, -1)) expect(completionChunkFromJSON(line).ok).toBe(true);
  });

  it('streams thinking as thinking content chunks before the text', async () => {
    server.reply(() => ({ thinking: 'The user asks for 2+2.', text: '4' }));
    const { lines } = await streamLines(chatBody());
    const deltas = lines.slice(1, -2).map((line) => JSON.parse(line).choices[0].delta.content);
    expect(deltas[0]).toEqual([{ type: 'thinking', thinking: [{ type: 'text', text: 'The' }] }]);
    expect(deltas.at(-1)).toBe('4');
    for (const line of lines.slice(0, -1)) expect(completionChunkFromJSON(line).ok).toBe(true);
  });

  it('produces the same bytes for the same padding seed', async () => {
    const options = { paddingSeed: 42, reply: () => ({ text: 'same every time' }) };
    const first = await createMockMistralServer(options);
    const second = await createMockMistralServer(options);
    try {
      const read = async (target: MockMistralServer) => {
        const text = await (
          await postJson(target, '/v1/chat/completions', chatBody({ stream: true }))
        ).text();
        return text.replace(/"created":\d+/g, '');
      };
      expect(await read(first)).toBe(await read(second));
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
