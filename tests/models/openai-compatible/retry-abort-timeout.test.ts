import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, ConnectionError } from '../../../src/errors.js';
import { openaiCompatible } from '../../../src/models/openai-compatible/index.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';
import { collect, finishOf } from './helpers.js';

let server: MockOpenAIServer;
afterEach(() => server?.close());

const hello = { messages: [{ role: 'user' as const, content: 'hello' }] };

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('retries: the shared policy (withRetry) with the server Retry-After', () => {
  it('waits the Retry-After the 429 asked for, then succeeds', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'after the wait' }) });
    server.injectFault({ type: 'status', status: 429, retryAfter: 0.3 });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      retry: { maxRetries: 2, baseDelayMs: 1 },
    });
    const started = Date.now();
    const response = await model.generate(hello);
    expect(response.message.content).toBe('after the wait');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(server.requests).toHaveLength(2);
  });

  it('retries 5xx and network-level timeouts for a stream before any delta, then streams', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'recovered' }) });
    server.injectFault({ type: 'status', status: 502 });
    server.injectFault({ type: 'status', status: 500 });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      retry: { maxRetries: 2, baseDelayMs: 5 },
    });
    const deltas = await collect(model.stream(hello));
    expect(finishOf(deltas).message.content).toBe('recovered');
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after maxRetries with the last typed error', async () => {
    server = await createMockOpenAIServer();
    for (let index = 0; index < 3; index++) server.injectFault({ type: 'status', status: 503 });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    const error = await failure(model.generate(hello));
    expect(error).toMatchObject({ code: 'server', status: 503 });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    server = await createMockOpenAIServer({
      reply: () => ({ status: 400, body: { error: { message: 'bad', type: 'invalid_request_error' } } }),
    });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      retry: { maxRetries: 3, baseDelayMs: 1 },
    });
    await failure(model.generate(hello));
    expect(server.requests).toHaveLength(1);
  });
});

describe('abort', () => {
  it('aborting during a Retry-After backoff ends the call at once with an AbortError', async () => {
    server = await createMockOpenAIServer();
    server.injectFault({ type: 'status', status: 429, retryAfter: 30 });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      retry: { maxRetries: 2 },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed stop')), 100);
    const started = Date.now();
    const error = await failure(model.generate(hello, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it('aborting mid-stream stops the stream with an AbortError after the deltas already seen', async () => {
    server = await createMockOpenAIServer({
      reply: () => ({ text: 'a b c d e f g h i j' }),
      chunkDelayMs: 30,
    });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1' });
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const delta of model.stream(hello, { signal: controller.signal })) {
          if (delta.type === 'text-delta') seen.push(delta.text);
          if (seen.length === 2) controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(seen).toEqual(['a', ' b']);
  });

  it('an already-aborted signal sends nothing', async () => {
    server = await createMockOpenAIServer();
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1' });
    const error = await failure(model.generate(hello, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('start-of-response timeout (withStartTimeout)', () => {
  it('a slow first byte past timeoutMs is a retryable timeout ConnectionError', async () => {
    server = await createMockOpenAIServer();
    server.injectFault({ type: 'slow-first-byte', delayMs: 1_000 });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      timeoutMs: 100,
      retry: { maxRetries: 0 },
    });
    const error = await failure(model.generate(hello));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toContain('100 ms');
  });

  it('the timeout is retried like any retryable failure', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'second try' }) });
    server.injectFault({ type: 'slow-first-byte', delayMs: 1_000 });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      timeoutMs: 100,
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    expect((await model.generate(hello)).message.content).toBe('second try');
  });

  it('does not bound a healthy stream that lasts longer than timeoutMs', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'a b c d e f' }), chunkDelayMs: 40 });
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', timeoutMs: 100 });
    const deltas = await collect(model.stream(hello));
    expect(finishOf(deltas).message.content).toBe('a b c d e f');
  });
});
