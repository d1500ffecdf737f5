import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, defineAgent, run } from '../../../src/agent/index.js';
import { InMemoryStore } from '../../../src/memory/index.js';
import { createMistral } from '../../../src/models/mistral/index.js';
import { createOpenAICompatible } from '../../../src/models/openai-compatible/index.js';
import { createRouter } from '../../../src/routing/index.js';
import { createMockOpenAIServer, type MockOpenAIServer } from '../../../src/testing/mock-openai/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { tool } from '../../../src/tools/index.js';
import { bodyOf } from './helpers.js';

let vllm: MockOpenAIServer;
let platform: MockMistralServer;
afterEach(async () => {
  await vllm?.close();
  await platform?.close();
});

const add = tool({
  description: 'Add two numbers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

describe('one agent, two endpoints: general on a local vLLM, code on La Plateforme', () => {
  it('each turn reaches the server of its route, and the shared history stays valid on both', async () => {
    vllm = await createMockOpenAIServer({
      family: 'vllm',
      models: [{ id: 'mistralai/Mistral-Small-3.1-24B-Instruct-2503', contextWindow: 32_768, vision: true }],
      reply: ({ body }) =>
        body.messages?.at(-1)?.role === 'tool'
          ? { text: `2 + 3 = ${String(body.messages.at(-1)?.content)}` }
          : { toolCalls: [{ name: 'add', arguments: { a: 2, b: 3 } }], toolCallStyle: 'fragments' },
    });
    platform = await createMockMistralServer({
      reply: () => ({ text: 'def reverse(s):\n    return s[::-1]' }),
    });

    const local = createOpenAICompatible({ baseURL: vllm.baseURL, family: 'vllm' });
    const [served] = await local.listModels();
    const router = createRouter({
      provider: createMistral({ apiKey: 'test-key', serverURL: platform.url, retry: { maxRetries: 0 } }),
      refresh: 'manual',
      routes: {
        general: {
          model: local('mistralai/Mistral-Small-3.1-24B-Instruct-2503'),
          contextWindow: served?.contextWindow,
          capabilities: { vision: true, functionCalling: true },
        },
        code: 'codestral-latest',
      },
    });
    const agent = defineAgent({
      name: 'mixed',
      instructions: 'Be brief.',
      tools: { add },
      router,
      memory: new InMemoryStore(),
    });
    const routes: string[] = [];
    agent.events.on('route-select', (event: AgentEvent) => {
      if (event.type === 'route-select') routes.push(`${event.decision.route}:${event.decision.model}`);
    });

    const first = await run(agent, 'What is 2 + 3?', { session: 'user-1' });
    expect(first.status).toBe('complete');
    expect(first.text).toBe('2 + 3 = 5');
    expect(vllm.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(2);
    expect(platform.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(0);

    const second = await run(agent, 'Write a Python function that reverses a string.', { session: 'user-1' });
    expect(second.text).toContain('return s[::-1]');
    const platformChats = platform.requests.filter((request) => request.path === '/v1/chat/completions');
    expect(platformChats).toHaveLength(1);
    expect(bodyOf({ requests: platformChats }).model).toBe('codestral-latest');
    // The vLLM tool-call id (chatcmpl-tool-<32 hex>) was rewritten for Mistral's 9-character rule, and the
    // mock Mistral server, which enforces that rule, accepted the shared history.
    const replayed = JSON.stringify(platformChats[0]?.body);
    expect(replayed).not.toContain('chatcmpl-tool-');
    expect(vllm.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(2);

    expect(routes).toEqual([
      'general:mistralai/Mistral-Small-3.1-24B-Instruct-2503',
      'general:mistralai/Mistral-Small-3.1-24B-Instruct-2503',
      'code:codestral-latest',
    ]);
    const vllmFirst = bodyOf({
      requests: vllm.requests.filter((request) => request.path === '/v1/chat/completions'),
    });
    expect(vllmFirst.model).toBe('mistralai/Mistral-Small-3.1-24B-Instruct-2503');
    expect(vllmFirst.max_completion_tokens).toBeUndefined();
  });
});
