/** The adapter through the real SDK and real HTTP against the mock Mistral server: answers and request bodies. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { createMistral, type MistralProvider, mistral } from '../../../src/models/mistral/index.js';
import type { Message, ToolSpec } from '../../../src/models/types.js';
import type { MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { collect, failure, startMock, TEST_KEY, userTurn } from './helpers.js';

let server: MockMistralServer;
let provider: MistralProvider;

beforeAll(async () => {
  ({ server, provider } = await startMock({ deprecated: { 'codestral-2508': '2026-12-01T00:00:00Z' } }));
});
afterAll(() => server.close());
afterEach(() => server.reply(() => ({ text: 'unused' })));

const search: ToolSpec = {
  name: 'search',
  description: 'Search the web',
  parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
};
const lastBody = () => server.requests.at(-1)!.body as Record<string, unknown>;

describe('generate()', () => {
  it('answers text and sends a clean body (no undefined or empty fields)', async () => {
    server.reply(() => ({ text: 'Bonjour !', usage: { promptTokens: 12, completionTokens: 3 } }));
    const model = provider('mistral-small-latest', { temperature: 0.1 });
    expect(model).toMatchObject({ id: 'mistral-small-latest', provider: 'mistral' });
    const response = await model.generate({
      messages: [{ role: 'system', content: 'Be kind.' }, ...userTurn],
    });
    expect(response.message).toEqual({ role: 'assistant', content: 'Bonjour !' });
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toMatchObject({ promptTokens: 12, completionTokens: 3 });
    expect(lastBody()).toEqual({
      model: 'mistral-small-latest',
      stream: false,
      temperature: 0.1,
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hello' },
      ],
    });
  });

  it('returns tool calls and replays foreign ids as 9-character ids with a bridging turn', async () => {
    server.reply(() => ({
      toolCalls: [{ id: 'Ab3dE6gH9', name: 'search', arguments: { query: 'mistral' } }],
    }));
    const first = await provider('mistral-large-latest').generate({ messages: userTurn, tools: [search] });
    expect(first.finishReason).toBe('tool-calls');
    expect(first.message.toolCalls).toEqual([
      { id: 'Ab3dE6gH9', name: 'search', arguments: '{"query":"mistral"}' },
    ]);
    server.reply(() => ({ text: 'Done.' }));
    const history: Message[] = [
      ...userTurn,
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_openai_1', name: 'search', arguments: '{}' }],
      },
      { role: 'tool', toolCallId: 'call_openai_1', name: 'search', content: 'results' },
      { role: 'user', content: 'Thanks' },
    ];
    await provider('mistral-large-latest').generate({ messages: history, tools: [search] });
    const sent = lastBody().messages as Array<Record<string, unknown>>;
    expect(sent.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    const wireId = (sent[1]!.tool_calls as Array<{ id: string }>)[0]!.id;
    expect(wireId).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(sent[2]).toMatchObject({ tool_call_id: wireId, name: 'search' });
  });

  it('sends images as image_url chunks', async () => {
    server.reply(() => ({ text: 'A rose.' }));
    const response = await provider('mistral-small-latest').generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
          ],
        },
      ],
    });
    expect(response.message.content).toBe('A rose.');
    expect((lastBody().messages as unknown[])[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
      ],
    });
  });

  it('sends prefix: true and strips the echoed prefix from the answer', async () => {
    server.reply(() => ({ text: 'Réponse : oui, bien sûr.' }));
    const response = await provider('mistral-small-latest').generate({
      messages: [...userTurn, { role: 'assistant', content: 'Réponse :', prefix: true }],
    });
    expect(response.message.content).toBe(' oui, bien sûr.');
    expect((lastBody().messages as unknown[]).at(-1)).toEqual({
      role: 'assistant',
      content: 'Réponse :',
      prefix: true,
    });
  });

  it('reads thinking and the deprecation header', async () => {
    server.reply(() => ({ thinking: 'Two plus two.', text: '4' }));
    const response = await provider('codestral-2508', { reasoning: true }).generate({ messages: userTurn });
    expect(response.message.content).toEqual([
      { type: 'thinking', text: 'Two plus two.' },
      { type: 'text', text: '4' },
    ]);
    expect(response.meta.deprecation).toBe('2026-12-01T00:00:00.000Z');
  });

  it('rejects a bad history before any request is sent', async () => {
    const before = server.requests.length;
    const error = await failure(
      provider('mistral-small-latest').generate({
        messages: [...userTurn, { role: 'assistant', content: 'Hi!' }, { role: 'system', content: 'late' }],
      }),
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect(error).toMatchObject({ code: 'invalid-history', path: 'messages[2]' });
    expect(server.requests.length).toBe(before);
  });

  it('fails with invalid-config before any request when there is no key', async () => {
    const saved = process.env.MISTRAL_API_KEY;
    delete process.env.MISTRAL_API_KEY;
    try {
      const before = server.requests.length;
      const keyless = createMistral({ serverURL: server.url });
      const error = await failure(keyless('mistral-small-latest').generate({ messages: userTurn }));
      expect(error).toMatchObject({ name: 'UserInputError', code: 'invalid-config' });
      expect((error as UserInputError).hint).toContain('MISTRAL_API_KEY');
      expect(server.requests.length).toBe(before);
      process.env.MISTRAL_API_KEY = TEST_KEY;
      await expect(keyless('mistral-small-latest').generate({ messages: userTurn })).resolves.toBeTruthy();
    } finally {
      if (saved === undefined) delete process.env.MISTRAL_API_KEY;
      else process.env.MISTRAL_API_KEY = saved;
    }
  });
});

describe('stream()', () => {
  it('streams text deltas and ends with the assembled response and usage', async () => {
    server.reply(() => ({ text: 'one two three four' }));
    const { deltas, response } = await collect(
      provider('mistral-small-latest').stream({ messages: userTurn }),
    );
    const texts = deltas.flatMap((delta) => (delta.type === 'text-delta' ? [delta.text] : []));
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('')).toBe('one two three four');
    expect(response.message.content).toBe('one two three four');
    expect(response.usage.totalTokens).toBeGreaterThan(0);
    expect(lastBody().stream).toBe(true);
  });

  it.each(['whole', 'fragments'] as const)('assembles tool calls streamed as %s', async (toolCallStyle) => {
    server.reply(() => ({
      toolCallStyle,
      chunkSize: 4,
      toolCalls: [
        { id: 'AAAAAAAA1', name: 'search', arguments: { query: 'paris weather' } },
        { id: 'BBBBBBBB2', name: 'search', arguments: { query: 'lyon weather' } },
      ],
    }));
    const { deltas, response } = await collect(
      provider('mistral-small-latest').stream({ messages: userTurn, tools: [search] }),
    );
    expect(response.finishReason).toBe('tool-calls');
    expect(response.message.toolCalls).toEqual([
      { id: 'AAAAAAAA1', name: 'search', arguments: '{"query":"paris weather"}' },
      { id: 'BBBBBBBB2', name: 'search', arguments: '{"query":"lyon weather"}' },
    ]);
    const callDeltas = deltas.filter((delta) => delta.type === 'tool-call-delta');
    for (const index of [0, 1]) {
      const pieces = callDeltas.filter((delta) => delta.index === index);
      expect(pieces.map((delta) => delta.argumentsDelta).join('')).toBe(
        response.message.toolCalls![index]!.arguments,
      );
      expect(pieces[0]).toMatchObject({ id: response.message.toolCalls![index]!.id, name: 'search' });
    }
  });

  it('streams thinking deltas and strips an echoed prefix split across chunks', async () => {
    server.reply(() => ({ thinking: 'Hmm.', text: 'Bien sûr : voici.', chunkSize: 2 }));
    const { deltas, response } = await collect(
      provider('mistral-medium-latest').stream({
        messages: [...userTurn, { role: 'assistant', content: 'Bien sûr :', prefix: true }],
      }),
    );
    const texts = deltas.flatMap((delta) => (delta.type === 'text-delta' ? [delta.text] : []));
    expect(texts.join('')).toBe(' voici.');
    expect(
      deltas
        .filter((delta) => delta.type === 'thinking-delta')
        .map((delta) => (delta as { text: string }).text)
        .join(''),
    ).toBe('Hmm.');
    expect(response.message.content).toEqual([
      { type: 'thinking', text: 'Hmm.' },
      { type: 'text', text: ' voici.' },
    ]);
  });
});

describe('fim() and listModels()', () => {
  it('runs a FIM completion with codestral-latest by default', async () => {
    server.reply(() => ({ text: 'return a + b;' }));
    const result = await provider.fim({
      prompt: 'function add(a, b) {',
      suffix: '}',
      maxTokens: 20,
      minTokens: 1,
      stop: ['\n\n'],
    });
    expect(result.text).toBe('return a + b;');
    expect(lastBody()).toMatchObject({
      model: 'codestral-latest',
      prompt: 'function add(a, b) {',
      suffix: '}',
      max_tokens: 20,
      min_tokens: 1,
      stop: ['\n\n'],
    });
    await expect(provider.fim({ prompt: 'x', maxTokens: 2, minTokens: 5 })).rejects.toThrow(
      'request.minTokens',
    );
  });

  it('lists models with normalized capabilities, aliases, windows and deprecations', async () => {
    const models = await provider.listModels();
    const small = models.find((model) => model.id === 'mistral-small-2603');
    expect(small).toMatchObject({
      aliases: expect.arrayContaining(['mistral-small-latest']),
      contextWindow: expect.any(Number),
    });
    expect(small?.capabilities).toMatchObject({ functionCalling: true, vision: true });
    const saba = models.find((model) => model.id === 'mistral-saba-2502');
    expect(saba?.deprecation).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(saba?.replacement).toBeTruthy();
    expect(server.requests.at(-1)!.path).toBe('/v1/models');
  });
});

describe('mistral()', () => {
  it('makes a model with its own provider and default settings', async () => {
    server.reply(() => ({ text: 'short' }));
    const model = mistral('mistral-small-latest', {
      apiKey: TEST_KEY,
      serverURL: server.url,
      settings: { maxTokens: 5 },
    });
    await expect(model.generate({ messages: userTurn, settings: { temperature: 0 } })).resolves.toMatchObject(
      {
        message: { content: 'short' },
      },
    );
    expect(lastBody()).toMatchObject({ max_tokens: 5, temperature: 0 });
  });

  it('rejects bad provider options by name', () => {
    expect(() => createMistral({ serverURL: 'not a url' })).toThrow('serverURL');
    expect(() => createMistral({ timeoutMs: -1 })).toThrow('timeoutMs');
    expect(() => createMistral({ retry: { maxRetries: -2 } })).toThrow('retry.maxRetries');
    expect(() => createMistral()('')).toThrow('model id');
  });
});
