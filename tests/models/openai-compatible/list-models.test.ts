import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAICompatible } from '../../../src/models/openai-compatible/index.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';

let server: MockOpenAIServer;
afterEach(() => server?.close());

const models = [
  { id: 'mistralai/Mistral-Small-3.1-24B-Instruct-2503', contextWindow: 32_768, vision: true },
  { id: 'codestral-22b', contextWindow: 16_384 },
];

describe('createOpenAICompatible().listModels()', () => {
  it('vLLM: the context window comes from max_model_len, not config', async () => {
    server = await createMockOpenAIServer({ family: 'vllm', models });
    const provider = createOpenAICompatible({
      baseURL: server.baseURL,
      family: 'vllm',
      contextWindow: 4_096,
    });
    expect(await provider.listModels()).toEqual([
      { id: models[0]?.id, aliases: [], capabilities: {}, contextWindow: 32_768 },
      { id: 'codestral-22b', aliases: [], capabilities: {}, contextWindow: 16_384 },
    ]);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('Ollama reports no window: config fills it, per model or for all', async () => {
    server = await createMockOpenAIServer({ family: 'ollama', models });
    const perModel = createOpenAICompatible({
      baseURL: server.baseURL,
      family: 'ollama',
      contextWindow: { 'codestral-22b': 8_192 },
    });
    const listed = await perModel.listModels();
    expect(listed.map((model) => model.contextWindow)).toEqual([undefined, 8_192]);
    expect(listed[0]).not.toHaveProperty('contextWindow');
    const forAll = createOpenAICompatible({
      baseURL: server.baseURL,
      family: 'ollama',
      contextWindow: 12_000,
    });
    expect((await forAll.listModels()).map((model) => model.contextWindow)).toEqual([12_000, 12_000]);
  });

  it('llama.cpp: vision from architecture.input_modalities; n_ctx_train is not taken as the served window', async () => {
    server = await createMockOpenAIServer({ family: 'llamacpp', models });
    const provider = createOpenAICompatible({ baseURL: server.baseURL, family: 'llamacpp' });
    const listed = await provider.listModels();
    expect(listed.map((model) => model.capabilities.vision)).toEqual([true, false]);
    expect(listed.map((model) => model.contextWindow)).toEqual([undefined, undefined]);
  });

  it('the provider makes models for ids it serves, all sharing its settings', async () => {
    server = await createMockOpenAIServer({
      family: 'vllm',
      models,
      reply: (request) => ({ text: `I am ${request.body.model}` }),
    });
    const provider = createOpenAICompatible({ baseURL: server.baseURL, family: 'vllm' });
    expect(provider.family).toBe('vllm');
    expect(provider.baseURL).toBe(server.baseURL);
    const code = provider('codestral-22b');
    expect(code.id).toBe('codestral-22b');
    const response = await code.generate({ messages: [{ role: 'user', content: 'who?' }] });
    expect(response.message.content).toBe('I am codestral-22b');
  });

  it('a list without a data array is malformed-response; errors are typed like chat errors', async () => {
    server = await createMockOpenAIServer({ family: 'vllm' });
    server.injectFault({ type: 'wrong-content-type' });
    const provider = createOpenAICompatible({
      baseURL: server.baseURL,
      family: 'vllm',
      retry: { maxRetries: 0 },
    });
    await expect(provider.listModels()).rejects.toMatchObject({ code: 'malformed-response' });
    server.injectFault({ type: 'status', status: 401 });
    await expect(provider.listModels()).rejects.toMatchObject({ code: 'auth', status: 401 });
  });
});
