/** Retries of a model call show up as `model-retry` events, over real HTTP against the local mock. */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentEvent, defineAgent, run, stream } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { openaiCompatible } from '../../src/models/openai-compatible/index.js';
import {
  createMockMistralServer,
  createMockOpenAIServer,
  type MockMistralServer,
} from '../../src/testing/index.js';

const API_KEY = 'retry-test-key';
const retry = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 };
let server: MockMistralServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function mistralAgent(failures: number) {
  server = await createMockMistralServer({
    apiKey: API_KEY,
    faults: Array.from({ length: failures }, () => ({ type: 'status' as const, status: 503 })),
  });
  const model = createMistral({ apiKey: API_KEY, serverURL: server.url, retry })('mistral-small-latest');
  return defineAgent({ name: 'retrying', model });
}

const retries = (events: AgentEvent[]) => events.filter((event) => event.type === 'model-retry');

describe('model-retry events', () => {
  it('come before the answer in run(), one per retry, with the delay and the error', async () => {
    const events: AgentEvent[] = [];
    const result = await run(await mistralAgent(2), 'hello', { onEvent: (event) => events.push(event) });
    expect(result.status).toBe('complete');
    expect(retries(events).map((event) => event.retry)).toEqual([1, 2]);
    expect(retries(events)[0]).toMatchObject({ step: 1, model: 'mistral-small-latest' });
    const types = events.map((event) => event.type);
    expect(types.lastIndexOf('model-retry')).toBeLessThan(types.indexOf('model-call-end'));
    expect(String((retries(events)[0] as { error: Error }).error.message)).toMatch(/503/);
  });

  it('come out of stream() before the first delta', async () => {
    const types: string[] = [];
    for await (const event of stream(await mistralAgent(1), 'hello')) types.push(event.type);
    expect(types.filter((type) => type === 'model-retry')).toHaveLength(1);
    expect(types.indexOf('model-retry')).toBeLessThan(types.indexOf('text-delta'));
  });

  it('come before run-error when every attempt failed', async () => {
    const events: AgentEvent[] = [];
    await expect(
      run(await mistralAgent(3), 'hello', { onEvent: (event) => events.push(event) }),
    ).rejects.toMatchObject({ status: 503 });
    expect(events.map((event) => event.type).slice(-3)).toEqual(['model-retry', 'model-retry', 'run-error']);
  });

  it('come from the OpenAI-compatible adapter too, with the key redacted', async () => {
    const openai = await createMockOpenAIServer({
      apiKey: API_KEY,
      faults: [{ type: 'status', status: 500, body: { error: { message: `bad key ${API_KEY}` } } }],
    });
    try {
      const model = openaiCompatible({
        baseURL: `${openai.url}/v1`,
        model: 'mistral-small-3.1',
        apiKey: API_KEY,
        retry,
      });
      const events: AgentEvent[] = [];
      await run(defineAgent({ name: 'compat', model }), 'hello', { onEvent: (event) => events.push(event) });
      expect(retries(events)).toHaveLength(1);
      const seen = inspect(retries(events), { depth: 8, showHidden: true });
      // The server echoed the key in its error body: the message is there, the key is not.
      expect(seen).toContain('bad key');
      expect(seen).not.toContain(API_KEY);
    } finally {
      await openai.close();
    }
  });
});
