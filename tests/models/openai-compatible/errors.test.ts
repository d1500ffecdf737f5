import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ConnectionError } from '../../../src/errors.js';
import type { OpenAICompatibleFamily } from '../../../src/models/openai-compatible/index.js';
import { openaiCompatible } from '../../../src/models/openai-compatible/index.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';
import { collect } from './helpers.js';

let server: MockOpenAIServer;
afterEach(() => server?.close());

const hello = { messages: [{ role: 'user' as const, content: 'hello' }] };
const noRetry = { maxRetries: 0 };

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

function modelOn(family: OpenAICompatibleFamily, extra: Record<string, unknown> = {}) {
  return openaiCompatible({
    baseURL: server.baseURL,
    model: 'mistral-small-3.1',
    family,
    retry: noRetry,
    ...extra,
  });
}

describe('typed errors from OpenAI-compatible servers', () => {
  it('401: code auth, not retryable, and the API key never appears in the message', async () => {
    const apiKey = 'sk-secret-value-0123456789';
    server = await createMockOpenAIServer({ apiKey: 'another-key', reply: () => ({ text: 'x' }) });
    const error = await failure(modelOn('openai', { apiKey }).generate(hello));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'auth',
      status: 401,
      retryable: false,
      providerCode: 'invalid_api_key',
    });
    expect(error.message).toContain('POST http://127.0.0.1');
    expect(error.message).not.toContain(apiKey);
  });

  it('redacts the key when a server echoes it verbatim in its error message', async () => {
    const apiKey = 'sk-echoed-0123456789';
    server = await createMockOpenAIServer({
      reply: () => ({
        status: 400,
        body: { error: { message: `bad key ${apiKey} for org`, type: 'invalid_request_error' } },
      }),
    });
    const error = await failure(modelOn('vllm', { apiKey }).generate(hello));
    expect(error.message).toContain('bad key *** for org');
    expect(JSON.stringify(error)).not.toContain(apiKey);
  });

  it.each([
    ['vllm', 'does not exist'],
    ['ollama', 'try pulling it first'],
    ['lmstudio', 'Please specify a valid model'],
    ['openai', 'does not exist or you do not have access'],
  ] as const)('404 from %s for an unknown model: code model-not-found', async (family, wording) => {
    server = await createMockOpenAIServer({ family });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'no-such-model',
      family,
      retry: noRetry,
    });
    const error = await failure(model.generate(hello));
    expect(error).toMatchObject({ code: 'model-not-found', status: 404, model: 'no-such-model' });
    expect(error.message).toContain(wording);
  });

  it('404 on a wrong path (baseURL without /v1) is a bad request with a hint about baseURL', async () => {
    server = await createMockOpenAIServer();
    const model = openaiCompatible({ baseURL: server.url, model: 'mistral-small-3.1', retry: noRetry });
    const error = await failure(model.generate(hello));
    expect(error).toMatchObject({ code: 'bad-request', status: 404 });
    expect(error.message).toContain('/v1');
  });

  it('vLLM context overflow: code context-overflow with the prompt and window parsed from the message', async () => {
    server = await createMockOpenAIServer({ family: 'vllm', models: [{ id: 'small', contextWindow: 100 }] });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'small',
      family: 'vllm',
      retry: noRetry,
    });
    const error = await failure(
      model.generate({ messages: [{ role: 'user', content: 'x'.repeat(400) }], settings: { maxTokens: 50 } }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'context-overflow',
      status: 400,
      maxContextTokens: 100,
      promptTokens: 104,
    });
  });

  it('llama.cpp context overflow: numbers from n_prompt_tokens and n_ctx', async () => {
    server = await createMockOpenAIServer({
      family: 'llamacpp',
      models: [{ id: 'small', contextWindow: 64 }],
    });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'small',
      family: 'llamacpp',
      retry: noRetry,
    });
    const error = await failure(model.generate({ messages: [{ role: 'user', content: 'y'.repeat(400) }] }));
    expect(error).toMatchObject({
      code: 'context-overflow',
      providerType: 'exceed_context_size_error',
      promptTokens: 104,
      maxContextTokens: 64,
    });
  });

  it('older vLLM flat error bodies are read too', async () => {
    const message =
      "This model's maximum context length is 6048 tokens. However, you requested 6616 tokens (568 in the messages, 6048 in the completion). Please reduce the length of the messages or completion.";
    server = await createMockOpenAIServer({
      reply: () => ({
        status: 400,
        body: { object: 'error', message, type: 'BadRequestError', param: null, code: 400 },
      }),
    });
    const error = await failure(modelOn('vllm').generate(hello));
    expect(error).toMatchObject({
      code: 'context-overflow',
      promptTokens: 568,
      maxContextTokens: 6048,
      providerType: 'BadRequestError',
    });
  });

  it('429 and 5xx are retryable ApiErrors; 429 carries Retry-After in ms', async () => {
    server = await createMockOpenAIServer();
    server.injectFault({ type: 'status', status: 429, retryAfter: 3 });
    const limited = await failure(modelOn('vllm').generate(hello));
    expect(limited).toMatchObject({ code: 'rate-limit', status: 429, retryable: true, retryAfterMs: 3000 });
    server.injectFault({ type: 'status', status: 503 });
    const unavailable = await failure(modelOn('vllm').generate(hello));
    expect(unavailable).toMatchObject({ code: 'server', status: 503, retryable: true });
  });

  it('a network failure is a retryable ConnectionError naming the URL', async () => {
    server = await createMockOpenAIServer();
    const { baseURL } = server;
    await server.close();
    const model = openaiCompatible({ baseURL, model: 'mistral-small-3.1', retry: noRetry });
    const error = await failure(model.generate(hello));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'connection', retryable: true });
    expect(error.message).toContain(baseURL);
  });
});

describe('malformed answers are malformed-response, cut streams are connection errors', () => {
  it.each(['malformed-json', 'truncated-json', 'empty-body', 'wrong-content-type'] as const)(
    'generate() with a %s body',
    async (type) => {
      server = await createMockOpenAIServer();
      server.injectFault({ type });
      const error = await failure(modelOn('vllm').generate(hello));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ code: 'malformed-response', retryable: false });
    },
  );

  it.each(['malformed-json', 'malformed-sse', 'wrong-content-type', 'empty-body'] as const)(
    'stream() with a %s body',
    async (type) => {
      server = await createMockOpenAIServer({ reply: () => ({ text: 'one two three four' }) });
      server.injectFault({ type });
      const error = await failure(collect(modelOn('vllm').stream(hello)));
      expect(error).toMatchObject({ code: 'malformed-response' });
    },
  );

  it('a JSON body cut mid-way is a connection error', async () => {
    server = await createMockOpenAIServer();
    server.injectFault({ type: 'cut-mid-stream', afterChunks: 1 });
    const error = await failure(modelOn('vllm').generate(hello));
    expect(error).toMatchObject({ code: 'connection' });
  });

  it('a stream cut after two chunks delivers what came and then throws a connection error', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'one two three four' }) });
    server.injectFault({ type: 'cut-mid-stream', afterChunks: 2 });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const delta of modelOn('vllm').stream(hello))
          if (delta.type === 'text-delta') seen.push(delta.text);
      })(),
    );
    expect(seen).toEqual(['one']);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'connection' });
  });

  it('an error event after the stream started is a server ApiError', async () => {
    const { serveBytes } = await import('./helpers.js');
    const fake = await serveBytes(
      'data: {"id":"x","choices":[{"index":0,"delta":{"content":"par"}}]}\n\ndata: {"error":{"message":"CUDA out of memory","type":"InternalServerError","code":500}}\n\n',
    );
    const model = openaiCompatible({ baseURL: fake.baseURL, model: 'm', retry: noRetry });
    const error = await failure(collect(model.stream(hello)));
    await fake.close();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'server' });
    expect(error.message).toContain('CUDA out of memory');
  });
});
