/**
 * Errors, retries, timeouts and aborts through the real SDK and real HTTP against the mock server's API
 * rules and injected faults.
 */
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, ApiError, ConnectionError } from '../../../src/errors.js';
import { createMistral, type MistralProviderOptions } from '../../../src/models/mistral/index.js';
import type { Message, StreamDelta } from '../../../src/models/types.js';
import type { MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { collect, failure, startMock, TEST_KEY, userTurn } from './helpers.js';

let server: MockMistralServer;
let tokens = 0;

beforeAll(async () => {
  ({ server } = await startMock({ countTokens: () => tokens }));
});
afterAll(() => server.close());
afterEach(() => {
  tokens = 0;
  server.reply(() => ({ text: 'ok' }));
});

const model = (options: MistralProviderOptions = {}) =>
  createMistral({ apiKey: TEST_KEY, serverURL: server.url, random: () => 0, ...options })(
    'mistral-small-latest',
  );

/** A fetch that rewrites the JSON body before it goes out: sends what the compiler never would. */
const rewriting =
  (edit: (body: Record<string, unknown>) => void) =>
  async (input: string, init: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    edit(body);
    return fetch(input, { ...init, body: JSON.stringify(body) });
  };

const count = async (run: () => Promise<unknown>) => {
  const before = server.requests.length;
  const outcome = await run().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, requests: server.requests.length - before };
};

describe('API errors from the server rules', () => {
  it('auth: a wrong key is a non-retryable ApiError that never shows the key', async () => {
    const secret = 'sk-live-SECRET-0123456789abcdef';
    const { error, requests } = await count(() => model({ apiKey: secret }).generate({ messages: userTurn }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'auth', status: 401, retryable: false });
    expect(requests).toBe(1);
    const everything = `${(error as Error).message} ${(error as ApiError).hint} ${JSON.stringify(error)} ${inspect(error, { depth: 6 })}`;
    expect(everything).not.toContain(secret);
  });

  it('model-retired: a retired id names its replacement', async () => {
    const error = await failure(
      createMistral({ apiKey: TEST_KEY, serverURL: server.url })('mistral-saba-2502').generate({
        messages: userTurn,
      }),
    );
    expect(error).toMatchObject({ code: 'model-retired', status: 400 });
    expect((error as ApiError).hint).toMatch(/Use mistral-small/);
  });

  it('model-not-found: an unknown id says how to find valid ones', async () => {
    server.reply(() => ({
      status: 404,
      body: {
        object: 'error',
        message: 'Invalid model: nope',
        type: 'invalid_model',
        param: null,
        code: '1500',
      },
    }));
    const error = await failure(model().generate({ messages: userTurn }));
    expect(error).toMatchObject({ code: 'model-not-found', providerCode: '1500' });
    expect((error as ApiError).hint).toContain('listModels()');
  });

  it('extra-forbidden: an unknown field names the field', async () => {
    const error = await failure(
      model({ fetch: rewriting((body) => Object.assign(body, { store: true })) }).generate({
        messages: userTurn,
      }),
    );
    expect(error).toMatchObject({ code: 'extra-forbidden', status: 422 });
    expect((error as Error).message).toContain('store');
  });

  it('message-order (3230) and tool-call-id (3280) from bodies the compiler would never send', async () => {
    const history: Message[] = [
      ...userTurn,
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'search', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'call_1', name: 'search', content: 'r' },
      { role: 'user', content: 'more' },
    ];
    const dropBridge = rewriting((body) => {
      (body.messages as unknown[]).splice(3, 1);
    });
    const order = await failure(model({ fetch: dropBridge }).generate({ messages: history }));
    expect(order).toMatchObject({ code: 'message-order', providerCode: '3230', status: 400 });
    const badIds = rewriting((body) => {
      const messages = body.messages as Array<Record<string, unknown>>;
      (messages[1]!.tool_calls as Array<{ id: string }>)[0]!.id = 'call_1';
      messages[2]!.tool_call_id = 'call_1';
    });
    const ids = await failure(model({ fetch: badIds }).generate({ messages: history }));
    expect(ids).toMatchObject({ code: 'tool-call-id', providerCode: '3280' });
    expect((ids as Error).message).toContain('call_1');
  });

  it('context-overflow: parses the prompt size and the window', async () => {
    tokens = 300_000;
    const error = await failure(model().generate({ messages: userTurn }));
    expect(error).toMatchObject({ code: 'context-overflow', status: 400, promptTokens: 300_000 });
    expect((error as ApiError).maxContextTokens).toBeGreaterThan(100_000);
    expect((error as ApiError).hint).toMatch(/Trim the history by at least \d+ tokens/);
  });
});

describe('retries', () => {
  it('waits the Retry-After of a 429, then succeeds', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 0.3 });
    const started = Date.now();
    const { value, requests } = await count(() => model().generate({ messages: userTurn }));
    expect(value).toMatchObject({ message: { content: 'ok' } });
    expect(requests).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('retries 5xx and cut connections up to maxRetries, then throws the last error', async () => {
    server.injectFault({ type: 'status', status: 503 });
    server.injectFault({ type: 'cut-mid-stream', afterChunks: 0 });
    const ok = await count(() => model().generate({ messages: userTurn }));
    expect(ok.requests).toBe(3);
    expect(ok.value).toBeTruthy();
    for (let index = 0; index < 3; index++) server.injectFault({ type: 'status', status: 502 });
    const failed = await count(() => model({ retry: { maxRetries: 2 } }).generate({ messages: userTurn }));
    expect(failed.requests).toBe(3);
    expect(failed.error).toMatchObject({ code: 'server', status: 502, retryable: true });
  });

  it('does not retry a malformed body, and names it', async () => {
    for (const type of ['malformed-json', 'wrong-content-type'] as const) {
      server.injectFault({ type });
      const { error, requests } = await count(() => model().generate({ messages: userTurn }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ code: 'malformed-response', retryable: false });
      expect(requests).toBe(1);
    }
    server.injectFault({ type: 'malformed-json' });
    const streamed = await count(() => collect(model().stream({ messages: userTurn })));
    expect(streamed.error).toMatchObject({ code: 'malformed-response' });
  });

  it('aborting during the backoff ends at once with an AbortError', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 30 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const { error, requests } = await count(() =>
      model().generate({ messages: userTurn }, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(requests).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('aborted before the call', () => {
  it('sends nothing and throws AbortError for generate and stream', async () => {
    const signal = AbortSignal.abort();
    const { error, requests } = await count(() => model().generate({ messages: userTurn }, { signal }));
    expect(error).toBeInstanceOf(AbortError);
    const streamed = await count(() => collect(model().stream({ messages: userTurn }, { signal })));
    expect(streamed.error).toBeInstanceOf(AbortError);
    expect(requests + streamed.requests).toBe(0);
  });
});

describe('streams', () => {
  it('retries a stream cut before its first delta', async () => {
    server.injectFault({ type: 'cut-mid-stream', afterChunks: 1 });
    server.reply(() => ({ text: 'hello there' }));
    const { value, requests } = await count(() => collect(model().stream({ messages: userTurn })));
    expect(requests).toBe(2);
    expect((value as Awaited<ReturnType<typeof collect>>).response.message.content).toBe('hello there');
  });

  it('never retries once a delta was delivered: a cut mid-stream is a ConnectionError', async () => {
    server.injectFault({ type: 'cut-mid-stream', afterChunks: 3 });
    server.reply(() => ({ text: 'one two three four five six' }));
    const seen: StreamDelta[] = [];
    const { error, requests } = await count(async () => {
      for await (const delta of model().stream({ messages: userTurn })) seen.push(delta);
    });
    expect(seen.some((delta) => delta.type === 'text-delta')).toBe(true);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(requests).toBe(1);
  });

  it('a stream that ends without its final chunk is a ConnectionError, not a silent short answer', async () => {
    server.injectFault({ type: 'truncated-json' });
    server.reply(() => ({ text: 'alpha beta gamma delta epsilon zeta' }));
    const error = await failure(collect(model().stream({ messages: userTurn })));
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'connection' });
    expect((error as Error).message).toContain('ended before its final chunk');
  });

  it('aborting mid-stream ends the iteration with an AbortError', async () => {
    server.reply(() => ({ text: 'a b c d e f g h i j', chunkDelayMs: 80 }));
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const delta of model().stream({ messages: userTurn }, { signal: controller.signal })) {
          if (delta.type === 'text-delta') seen.push(delta.text);
          if (seen.length === 1) controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(1);
  });
});

describe('start-of-response timeout', () => {
  it('a slow first byte is a ConnectionError timeout naming the ms', async () => {
    server.injectFault({ type: 'slow-first-byte', delayMs: 2000 });
    const error = await failure(
      model({ timeoutMs: 150, retry: { maxRetries: 0 } }).generate({ messages: userTurn }),
    );
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'timeout', retryable: true });
    expect((error as Error).message).toContain('within 150 ms');
  });

  it('a timed-out attempt is retried', async () => {
    server.injectFault({ type: 'slow-first-byte', delayMs: 2000 });
    const { value, requests } = await count(() => model({ timeoutMs: 150 }).generate({ messages: userTurn }));
    expect(value).toBeTruthy();
    expect(requests).toBe(2);
  });

  it('does not bound a healthy stream that takes longer than the timeout', async () => {
    server.reply(() => ({ text: 'w1 w2 w3 w4 w5 w6 w7 w8', chunkDelayMs: 60 }));
    const started = Date.now();
    const { response } = await collect(
      model({ timeoutMs: 200, retry: { maxRetries: 0 } }).stream({ messages: userTurn }),
    );
    expect(Date.now() - started).toBeGreaterThan(400);
    expect(response.message.content).toBe('w1 w2 w3 w4 w5 w6 w7 w8');
  });
});

describe('a complete answer without usage', () => {
  it('is read with zero usage instead of being thrown away', async () => {
    server.reply(() => ({ text: 'still here' }));
    server.injectFault({ type: 'no-usage' });
    const response = await model().generate({ messages: userTurn });
    expect(response.message.content).toBe('still here');
    expect(response.usage).toEqual({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
  });

  it('still rejects a body that is broken in other ways', async () => {
    server.injectFault({ type: 'malformed-json' });
    const error = await failure(model().generate({ messages: userTurn }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('malformed-response');
  });
});
