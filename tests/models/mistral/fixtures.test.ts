/**
 * Every recorded payload in ../shared/fixtures/mistral-wire/{chat,stream,errors,fim} replayed byte for
 * byte by the mock server and read through the adapter (real SDK, real HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import type { MistralProvider } from '../../../src/models/mistral/index.js';
import { defaultMockModels, type MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { collect, failure, listFixtures, readFixture, sseBody, startMock, userTurn } from './helpers.js';

let server: MockMistralServer;
let provider: MistralProvider;

beforeAll(async () => {
  // The recordings name models retired since (magistral-medium-latest, mistral-tiny): the replay is about
  // reading their answers, so every id is accepted here.
  const models = defaultMockModels.filter((model) => !model.retired);
  ({ server, provider } = await startMock(
    { acceptUnknownModels: true, models },
    { retry: { maxRetries: 0 } },
  ));
});
afterAll(() => server.close());

type RawChunk = { type?: string; text?: string; thinking?: RawChunk[] };
type RawUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  num_cached_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
};

// An independent reading of the recorded JSON: what the neutral result must say.
function rawText(content: string | RawChunk[] | null | undefined, kind: 'text' | 'thinking'): string {
  if (typeof content === 'string') return kind === 'text' ? content : '';
  return (content ?? [])
    .filter((chunk) => chunk.type === kind)
    .map((chunk) => (kind === 'text' ? (chunk.text ?? '') : rawText(chunk.thinking, 'text')))
    .join('');
}

function expectedUsage(usage: RawUsage) {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.num_cached_tokens;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    ...(cached === undefined ? {} : { cachedTokens: cached }),
  };
}

const FINISH: Record<string, string> = { stop: 'stop', tool_calls: 'tool-calls', length: 'length' };
const WIRE_ID = /^[A-Za-z0-9]{9}$/;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return (content as Array<{ type: string; text: string }>)
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('');
}

describe('chat/*.response.json through generate()', () => {
  const files = listFixtures('chat').filter((file) => file.endsWith('.response.json'));
  it('covers every recorded response', () => expect(files.length).toBe(11));

  it.each(files)('%s', async (file) => {
    const body = readFixture('chat', file);
    const raw = JSON.parse(body);
    server.reply(() => ({ status: 200, body, headers: { 'content-type': 'application/json' } }));
    const response = await provider(raw.model).generate({ messages: userTurn });
    const message = raw.choices[0].message;
    expect(textOf(response.message.content)).toBe(rawText(message.content, 'text'));
    const thinking = rawText(message.content, 'thinking');
    if (thinking)
      expect(response.message.content).toEqual([
        { type: 'thinking', text: thinking },
        { type: 'text', text: '4' },
      ]);
    expect(response.finishReason).toBe(FINISH[raw.choices[0].finish_reason]);
    expect(response.usage).toEqual(expectedUsage(raw.usage));
    expect(response.meta).toMatchObject({ model: raw.model, id: raw.id });
    const rawCalls: Array<{ id?: string; function: { name: string; arguments: string } }> =
      message.tool_calls ?? [];
    expect(response.message.toolCalls ?? []).toHaveLength(rawCalls.length);
    rawCalls.forEach((call, index) => {
      const got = response.message.toolCalls![index]!;
      expect(got).toMatchObject({ name: call.function.name, arguments: call.function.arguments });
      // A missing id (March 2024) arrives as "null" through the SDK and is replaced by a fresh valid id.
      if (call.id) expect(got.id).toBe(call.id);
      else expect(got.id).toMatch(WIRE_ID);
    });
  });

  it('reads both cached-token shapes', async () => {
    for (const [file, cached] of [
      ['text.prompt-cache-hit.mistral-large.2026-07.response.json', 224],
      ['tool-call.mistral-large.2026-01.response.json', 76],
    ] as const) {
      const body = readFixture('chat', file);
      server.reply(() => ({ status: 200, body, headers: { 'content-type': 'application/json' } }));
      const response = await provider('mistral-large-latest').generate({ messages: userTurn });
      expect(response.usage.cachedTokens).toBe(cached);
    }
  });
});

const STREAM_CALLS: Record<string, Array<{ id: string | RegExp; name: string; arguments: string }>> = {
  'tool-call.mistral-small.2024-04.sse': [
    {
      id: 'u2ef3Udel',
      name: 'WeatherPlugin-GetWeather',
      arguments: '{"location": "Paris", "unit": "celsius"}',
    },
  ],
  'tool-call.mistral-small.2026-01.chunks.jsonl': [
    { id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' },
  ],
  'tool-call-incremental.zai-glm-5-2.2026-08.chunks.jsonl': [
    {
      id: 'chatcmpl-tool-9f149c74c42f265b',
      name: 'webSearchTool',
      arguments: '{"query": "current Berlin weather"}',
    },
  ],
};

describe('stream/* through stream()', () => {
  const files = listFixtures('stream');
  it('covers every recorded stream', () => expect(files.length).toBe(7));

  it.each(files)('%s', async (file) => {
    const body = sseBody(file);
    const chunks = body
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)));
    server.reply(() => ({ status: 200, body, headers: { 'content-type': 'text/event-stream' } }));
    const { deltas, response } = await collect(provider(chunks[0].model).stream({ messages: userTurn }));
    const text = chunks.map((chunk) => rawText(chunk.choices[0].delta.content, 'text')).join('');
    const thinking = chunks.map((chunk) => rawText(chunk.choices[0].delta.content, 'thinking')).join('');
    const streamedText = deltas
      .flatMap((delta) => (delta.type === 'text-delta' ? [delta.text] : []))
      .join('');
    const streamedThinking = deltas
      .flatMap((delta) => (delta.type === 'thinking-delta' ? [delta.text] : []))
      .join('');
    expect(streamedText).toBe(text);
    expect(streamedThinking).toBe(thinking);
    expect(textOf(response.message.content)).toBe(text);
    if (thinking) expect(JSON.stringify(response.message.content)).toContain('"type":"thinking"');
    const last = chunks.findLast((chunk) => chunk.usage);
    expect(response.usage).toEqual(expectedUsage(last.usage));
    expect(response.finishReason).toBe(FINISH[last.choices[0].finish_reason]);
    const calls = STREAM_CALLS[file] ?? [];
    expect(response.message.toolCalls ?? []).toEqual(calls);
    const callDeltas = deltas.filter((delta) => delta.type === 'tool-call-delta');
    expect(callDeltas.every((delta) => delta.index === 0)).toBe(true);
  });
});

const ERRORS: Record<string, { code: string; say?: string; providerCode?: string }> = {
  '400.legacy.assistant-empty.2025-06.json': { code: 'bad-request', say: 'either content or tool_calls' },
  '400.legacy.tool-call-id-format.2024-07.json': { code: 'tool-call-id', say: 'abc123' },
  '400.legacy.tool-call-id-missing.2025-02.json': { code: 'tool-call-id', say: 'has to be defined' },
  '400.legacy.tool-call-id-null.2024-05.json': { code: 'tool-call-id', say: 'was null' },
  '400.legacy.user-after-tool.2025-05.json': { code: 'message-order', say: "'user' after role 'tool'" },
  '400.message-order.last-role-assistant.3230.2025-10.json': { code: 'message-order', providerCode: '3230' },
  '400.message-order.user-after-tool.3230.2025-12.json': { code: 'message-order', providerCode: '3230' },
  '400.tool-call-id-format.3280.2026-09.json': { code: 'tool-call-id', providerCode: '3280' },
  '400.tool-call-id-format.3280.raw-status.2026-03.json': { code: 'tool-call-id', say: 'turn1_0' },
  '401.unauthorized.detail.2025-06.json': { code: 'auth', say: 'Unauthorized' },
  '401.unauthorized.gateway.2025-02.json': { code: 'auth', say: 'Unauthorized' },
  '422.bare-detail.2026-04.json': { code: 'extra-forbidden', say: 'store, max_completion_tokens' },
  '422.extra-forbidden.max_completion_tokens.2025-12.json': {
    code: 'extra-forbidden',
    say: 'max_completion_tokens',
  },
  '422.extra-forbidden.message-fields.2024-05.json': { code: 'extra-forbidden', say: 'messages.0.user.name' },
  '422.extra-forbidden.metadata-object.2025-11.json': { code: 'extra-forbidden', say: 'Remove metadata' },
  '422.extra-forbidden.stream_options.2025-03.json': {
    code: 'extra-forbidden',
    say: 'stream_options.include_usage',
  },
  '422.legacy.message-as-json-string.2024-01.json': { code: 'extra-forbidden', say: 'frequency_penalty' },
  '429.rate-limited.1300.2026-02.json': { code: 'rate-limit', providerCode: '1300' },
  '429.rate-limited.1300.raw-status.2026-09.json': { code: 'rate-limit', say: 'Rate limit exceeded' },
  '429.requests-rate-limit.gateway.2025-06.json': { code: 'rate-limit', say: 'Requests rate limit exceeded' },
};

describe('errors/* through generate() and stream()', () => {
  const files = listFixtures('errors');
  it('has an expectation for every recorded error', () =>
    expect(files.sort()).toEqual(Object.keys(ERRORS).sort()));

  it.each(files)('%s', async (file) => {
    const status = Number(file.slice(0, 3));
    const body = readFixture('errors', file);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (status === 429) headers['retry-after'] = '3';
    server.reply(() => ({ status, body, headers }));
    const expected = ERRORS[file]!;
    for (const call of [
      () => provider('mistral-small-latest').generate({ messages: userTurn }),
      () => collect(provider('mistral-small-latest').stream({ messages: userTurn })),
    ]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: expected.code, status, retryable: status === 429 });
      if (expected.say) expect((error as Error).message).toContain(expected.say);
      if (expected.providerCode) expect((error as ApiError).providerCode).toBe(expected.providerCode);
      if (status === 429) expect((error as ApiError).retryAfterMs).toBe(3000);
      expect((error as ApiError).hint).toBeTruthy();
    }
  });
});

describe('fim/* through fim()', () => {
  it.each(listFixtures('fim'))('%s', async (file) => {
    const body = readFixture('fim', file);
    const raw = JSON.parse(body);
    server.reply(() => ({ status: 200, body, headers: { 'content-type': 'application/json' } }));
    const result = await provider.fim({ prompt: 'func (c *SomeStruct) addUser(', suffix: '}' });
    expect(result.text).toBe(raw.choices[0].message.content);
    expect(result.usage).toEqual({ promptTokens: 23, completionTokens: 57, totalTokens: 80 });
    expect(result.finishReason).toBe('stop');
    expect(result.meta.model).toBe('codestral-2501');
    const sent = server.requests.at(-1)!;
    expect(sent.path).toBe('/v1/fim/completions');
    expect(sent.body).toMatchObject({
      model: 'codestral-latest',
      prompt: 'func (c *SomeStruct) addUser(',
      suffix: '}',
    });
  });
});
