import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAgent, run } from '../../src/agent/index.js';
import { InMemoryStore } from '../../src/memory/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/mock-server/index.js';

let server: MockMistralServer;
beforeAll(async () => {
  server = await createMockMistralServer({ reply: () => ({ text: 'ok' }) });
});
afterAll(() => server.close());

const keys = () =>
  server.requests.map((request) => (request.body as { prompt_cache_key?: string }).prompt_cache_key);

describe('prompt_cache_key', () => {
  it('is stable per session, differs between sessions, never shows the session id, and can be overridden', async () => {
    const model = createMistral({ apiKey: 'k', serverURL: server.url })('mistral-small-latest');
    const agent = defineAgent({ name: 'cache', model, memory: new InMemoryStore() });
    await run(agent, 'one', { session: 'user-42' });
    await run(agent, 'two', { session: 'user-42' });
    await run(agent, 'three', { session: 'user-43' });
    await run(agent, 'four', { session: 'user-42', settings: { promptCacheKey: 'mine' } });
    const [first, second, other, mine] = keys();
    expect(first).toMatch(/^dragoman-[A-Za-z0-9]{9}$/);
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect(first).not.toContain('user-42');
    expect(mine).toBe('mine');
  });
});
