/**
 * A base URL with a query string (Azure-style `?api-version=...`, or a gateway key): the paths go before the
 * query, the query reaches the server, and errors name the call without it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { createOpenAICompatible, openaiCompatible } from '../../../src/models/openai-compatible/index.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';

let server: MockOpenAIServer;
afterEach(() => server?.close());

const QUERY = 'api-version=2024-10-21&key=gateway-s3cret';

describe('openaiCompatible with a query string in baseURL', () => {
  it('sends chat and model-list calls to the path before the query, and keeps the query', async () => {
    server = await createMockOpenAIServer({ reply: () => ({ text: 'ok' }) });
    const model = openaiCompatible({
      baseURL: `${server.baseURL}/?${QUERY}`,
      model: 'mistral-small-3.1',
      family: 'vllm',
    });
    const response = await model.generate({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.message.content).toBe('ok');
    const provider = createOpenAICompatible({ baseURL: `${server.baseURL}?${QUERY}`, family: 'vllm' });
    expect((await provider.listModels()).length).toBeGreaterThan(0);
    expect(server.requests.map(({ path, query }) => ({ path, query }))).toEqual([
      { path: '/v1/chat/completions', query: QUERY },
      { path: '/v1/models', query: QUERY },
    ]);
  });

  it('names the failed call without the query string', async () => {
    server = await createMockOpenAIServer({
      reply: () => ({ status: 400, body: { error: { message: 'bad', type: 'invalid_request_error' } } }),
    });
    const model = openaiCompatible({
      baseURL: `${server.baseURL}?${QUERY}`,
      model: 'mistral-small-3.1',
      family: 'vllm',
      retry: { maxRetries: 0 },
    });
    const error = await model.generate({ messages: [{ role: 'user', content: 'Hi' }] }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toContain(`POST ${server.baseURL}/chat/completions`);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('s3cret');
  });
});
