import { afterEach, describe, expect, it } from 'vitest';
import {
  createMockMistralServer,
  type MockMistralServer,
  replyInOrder,
} from '../../../src/testing/mock-server/index.js';
import { chatBody, postJson, sseDataLines } from './helpers.js';

let server: MockMistralServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  options: Parameters<typeof createMockMistralServer>[0] = {},
): Promise<MockMistralServer> {
  server = await createMockMistralServer(options);
  return server;
}

describe('mock server routing and options', () => {
  it('answers FastAPI-style 404 for unknown paths and 405 for wrong methods', async () => {
    const target = await start();
    const unknown = await fetch(`${target.url}/v2/chat`);
    expect([unknown.status, await unknown.text()]).toEqual([404, '{"detail":"Not Found"}']);
    const wrongMethod = await fetch(`${target.url}/v1/chat/completions`);
    expect([wrongMethod.status, await wrongMethod.text()]).toEqual([405, '{"detail":"Method Not Allowed"}']);
    expect((await postJson(target, '/v1/models', {})).status).toBe(405);
  });

  it('answers GET /v1/models/{id} by id or alias, and invalid_model for an unknown id', async () => {
    const target = await start();
    expect(await (await fetch(`${target.url}/v1/models/codestral-latest`)).json()).toMatchObject({
      id: 'codestral-2508',
    });
    const missing = await fetch(`${target.url}/v1/models/no-such-model`);
    expect(missing.status).toBe(404);
  });

  it('answers 422 json_invalid for a body that is not JSON', async () => {
    const target = await start();
    const response = await postJson(target, '/v1/chat/completions', '{"model": ');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      object: 'error',
      message: { detail: [{ type: 'json_invalid' }] },
    });
    expect(target.requests[0]?.body).toBe('{"model": ');
  });

  it('requires the key on every path when apiKey is set, and accepts the right one', async () => {
    const target = await start({ apiKey: 'secret-key' });
    expect((await fetch(`${target.url}/v1/models`)).status).toBe(401);
    const wrong = await postJson(target, '/v1/chat/completions', chatBody(), {
      authorization: 'Bearer nope',
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${target.url}/v1/models`, { headers: { authorization: 'Bearer secret-key' } });
    expect(right.status).toBe(200);
    expect(JSON.stringify(target.requests)).not.toContain('secret-key');
  });

  it('skips every check with validate: false', async () => {
    const target = await start({ validate: false, reply: () => ({ text: 'anything goes' }) });
    const response = await postJson(target, '/v1/chat/completions', {
      model: 'mistral-saba-2502',
      store: true,
      messages: [],
    });
    expect(response.status).toBe(200);
  });

  it('sends a raw reply as is, and a reply that throws becomes a 500 naming the mock', async () => {
    const target = await start({
      reply: () => ({ status: 418, body: { tea: 'earl grey' }, headers: { 'x-brew': 'hot' } }),
    });
    const raw = await postJson(target, '/v1/chat/completions', chatBody());
    expect([raw.status, raw.headers.get('x-brew'), await raw.json()]).toEqual([
      418,
      'hot',
      { tea: 'earl grey' },
    ]);
    target.reply(() => {
      throw new Error('script ran out');
    });
    const failed = await postJson(target, '/v1/chat/completions', chatBody());
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ message: 'Mock server: script ran out' });
  });

  it('numbers requests and lets the reply depend on the request', async () => {
    const target = await start({ reply: (request) => ({ text: `#${request.index} ${request.body.model}` }) });
    await postJson(target, '/v1/chat/completions', chatBody());
    const second = await postJson(target, '/v1/chat/completions', chatBody({ model: 'codestral-latest' }));
    expect((await second.json()).choices[0].message.content).toBe('#1 codestral-latest');
  });

  it('waits delayMs before answering and uses the scripted model, usage and finish reason', async () => {
    const target = await start({
      reply: () => ({
        text: 'cut',
        delayMs: 80,
        model: 'mistral-small-2603',
        finishReason: 'length',
        usage: { promptTokens: 10, completionTokens: 2, cachedTokens: 8 },
      }),
    });
    const started = performance.now();
    const body = await (await postJson(target, '/v1/chat/completions', chatBody())).json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    expect(body.model).toBe('mistral-small-2603');
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 2,
      total_tokens: 12,
      prompt_tokens_details: { cached_tokens: 8 },
    });
  });

  it('answers the catalog given in options, retiring what it marks retired', async () => {
    const target = await start({
      models: [
        { id: 'tiny', aliases: [], contextWindow: 50, capabilities: {} },
        { id: 'old', aliases: [], capabilities: {}, retired: true },
      ],
    });
    const listed = await (await fetch(`${target.url}/v1/models`)).json();
    expect(listed.data.map((model: { id: string }) => model.id)).toEqual(['tiny', 'old']);
    expect((await postJson(target, '/v1/chat/completions', chatBody({ model: 'old' }))).status).toBe(400);
    const long = chatBody({ model: 'tiny', messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    const overflow = await postJson(target, '/v1/chat/completions', long);
    expect(overflow.status).toBe(400);
    expect((await overflow.json()).message).toMatch(
      /^Prompt contains \d+ tokens and 0 draft tokens, too large for model with 50 maximum context length$/,
    );
  });
});

describe('replyInOrder', () => {
  it('answers scripted steps in order, functions included, then fails clearly when they run out', async () => {
    const target = await start({
      reply: replyInOrder({ toolCalls: [{ name: 'add', arguments: { a: 1, b: 2 } }] }, (request) => ({
        text: `after ${request.body.messages?.length} messages`,
      })),
    });
    const first = await (await postJson(target, '/v1/chat/completions', chatBody())).json();
    expect(first.choices[0].message.tool_calls[0].function.name).toBe('add');
    const second = await (await postJson(target, '/v1/chat/completions', chatBody())).json();
    expect(second.choices[0].message.content).toBe('after 1 messages');
    const third = await postJson(target, '/v1/chat/completions', chatBody());
    expect(third.status).toBe(500);
    expect((await third.json()).message).toBe(
      'Mock server: no scripted reply left for completion request #3 (2 scripted)',
    );
  });

  it('streams FIM completions in the same SSE form', async () => {
    const target = await start({ reply: replyInOrder({ text: 'return a + b' }) });
    const response = await postJson(target, '/v1/fim/completions', {
      model: 'codestral-latest',
      prompt: 'def add(a, b):\n    ',
      stream: true,
    });
    const lines = sseDataLines(await response.text());
    expect(lines.at(-1)).toBe('[DONE]');
    const text = lines
      .slice(0, -1)
      .map((line) => JSON.parse(line).choices[0].delta.content)
      .join('');
    expect(text).toBe('return a + b');
  });
});
