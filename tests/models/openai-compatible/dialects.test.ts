import { afterEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import {
  DIALECTS,
  OPENAI_COMPATIBLE_FAMILIES,
  type OpenAICompatibleFamily,
  openaiCompatible,
} from '../../../src/models/openai-compatible/index.js';
import type { ModelRequest, ToolSpec } from '../../../src/models/types.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';
import { addTool, bodyOf, collect, finishOf } from './helpers.js';

let server: MockOpenAIServer;
afterEach(() => server?.close());

const echoTool: ToolSpec = { name: 'echo', description: 'Echo text.', parameters: { type: 'object' } };
const tools = [addTool, echoTool];
const noRetry = { maxRetries: 0 };

async function sentBody(family: OpenAICompatibleFamily, request: ModelRequest, stream = true) {
  server = await createMockOpenAIServer({ family, reply: () => ({ text: 'ok' }) });
  const model = openaiCompatible({
    baseURL: server.baseURL,
    model: 'mistral-small-3.1',
    family,
    retry: noRetry,
  });
  if (stream) expect(finishOf(await collect(model.stream(request))).message.content).toBe('ok');
  else expect((await model.generate(request)).message.content).toBe('ok');
  return bodyOf(server);
}

const settingsRequest: ModelRequest = {
  messages: [{ role: 'user', content: 'hi' }],
  tools,
  settings: {
    maxTokens: 64,
    toolChoice: 'any',
    parallelToolCalls: false,
    prediction: 'draft',
    randomSeed: 7,
  },
};

describe('one dialect row per server family, checked on the wire against that family mock', () => {
  it.each([
    [
      'openai',
      {
        max_completion_tokens: 64,
        tool_choice: 'required',
        parallel_tool_calls: false,
        stream_options: { include_usage: true },
      },
    ],
    ['vllm', { max_tokens: 64, tool_choice: 'required', stream_options: { include_usage: true } }],
    ['ollama', { max_tokens: 64, stream_options: { include_usage: true } }],
    ['lmstudio', { max_tokens: 64, tool_choice: 'required', stream_options: { include_usage: true } }],
    ['llamacpp', { max_tokens: 64, tool_choice: 'required', parallel_tool_calls: false }],
    ['generic', { max_tokens: 64, tool_choice: 'required', parallel_tool_calls: false }],
  ] as const)('%s', async (family, expected) => {
    const body = await sentBody(family, settingsRequest);
    expect(body).toMatchObject({ ...expected, seed: 7, stream: true });
    const dialect = DIALECTS[family];
    const other = dialect.maxTokensField === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    expect(body[other]).toBeUndefined();
    if (!dialect.streamUsage) expect(body.stream_options).toBeUndefined();
    if (dialect.toolChoice === 'ignored') expect(body.tool_choice).toBeUndefined();
    if (!dialect.parallelToolCalls) expect(body.parallel_tool_calls).toBeUndefined();
    if (dialect.prediction) expect(body.prediction).toEqual({ type: 'content', content: 'draft' });
    else expect(body.prediction).toBeUndefined();
    expect((body.tools as unknown[]).length).toBe(2);
  });

  it('every family has a row', () => {
    expect(Object.keys(DIALECTS).sort()).toEqual([...OPENAI_COMPATIBLE_FAMILIES].sort());
  });

  it.each([
    ['openai', 'all', { type: 'function', function: { name: 'echo' } }, 2],
    ['vllm', 'all', { type: 'function', function: { name: 'echo' } }, 2],
    ['lmstudio', 'no-named', 'required', 1],
    ['llamacpp', 'no-named', 'required', 1],
    ['ollama', 'ignored', undefined, 1],
  ] as const)('a named tool choice on %s (%s)', async (family, _support, toolChoice, toolCount) => {
    const body = await sentBody(
      family,
      { ...settingsRequest, settings: { toolChoice: { name: 'echo' } } },
      false,
    );
    expect(body.tool_choice).toEqual(toolChoice);
    const sent = body.tools as Array<{ function: { name: string } }>;
    expect(sent).toHaveLength(toolCount);
    expect(sent.some((tool) => tool.function.name === 'echo')).toBe(true);
  });

  it('toolChoice none on a server that ignores tool_choice (Ollama) drops the tools', async () => {
    const body = await sentBody('ollama', { ...settingsRequest, settings: { toolChoice: 'none' } }, false);
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
  });

  it('vLLM continues a trailing prefix assistant message with continue_final_message', async () => {
    const body = await sentBody(
      'vllm',
      {
        messages: [
          { role: 'user', content: 'Réponds en français' },
          { role: 'assistant', content: 'Bien sûr', prefix: true },
        ],
      },
      false,
    );
    expect(body).toMatchObject({ continue_final_message: true, add_generation_prompt: false });
    expect((body.messages as unknown[]).at(-1)).toEqual({ role: 'assistant', content: 'Bien sûr' });
  });

  it('json_schema response formats use the OpenAI envelope', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    const body = await sentBody(
      'vllm',
      {
        messages: [{ role: 'user', content: 'x' }],
        settings: { responseFormat: { type: 'json_schema', name: 'place', schema, strict: true } },
      },
      false,
    );
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'place', schema, strict: true },
    });
  });

  it('a named tool choice for a tool that is not offered is a UserInputError naming it', async () => {
    server = await createMockOpenAIServer();
    const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1' });
    await expect(
      model.generate({ ...settingsRequest, settings: { toolChoice: { name: 'search' } } }),
    ).rejects.toThrow(UserInputError);
    await expect(
      model.generate({ ...settingsRequest, settings: { toolChoice: { name: 'search' } } }),
    ).rejects.toThrow(/"search"/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('why the table matters: the wrong row is rejected by the stricter servers', () => {
  it('max_tokens sent to an OpenAI reasoning-era endpoint is a 400 naming max_completion_tokens', async () => {
    server = await createMockOpenAIServer({ family: 'openai' });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      family: 'vllm',
      retry: noRetry,
    });
    const error = await model
      .generate({ messages: [{ role: 'user', content: 'x' }], settings: { maxTokens: 10 } })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'bad-request', status: 400, providerCode: 'unsupported_parameter' });
    expect(String(error.message)).toContain('max_completion_tokens');
  });

  it('stream_options sent to a strict server (generic, Mistral-like) is a 422 extra_forbidden', async () => {
    server = await createMockOpenAIServer({ family: 'generic' });
    const model = openaiCompatible({
      baseURL: server.baseURL,
      model: 'mistral-small-3.1',
      family: 'vllm',
      retry: noRetry,
    });
    const error = await collect(model.stream({ messages: [{ role: 'user', content: 'x' }] })).catch(
      (caught) => caught,
    );
    expect(error).toMatchObject({ code: 'bad-request', status: 422 });
    expect(String(error.message)).toContain('extra_forbidden');
  });
});
