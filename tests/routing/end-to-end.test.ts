/**
 * The router through the real Mistral adapter (real SDK, real HTTP) against the local mock server: the
 * catalog refreshes from its GET /v1/models, and an agent run sends an Arabic turn, an image turn, a code
 * turn and a follow-up each to the expected model, with that model's context window applied.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { createMistral } from '../../src/models/mistral/index.js';
import type { Message } from '../../src/models/types.js';
import { createRouter } from '../../src/routing/index.js';
import {
  createMockMistralServer,
  defaultMockModels,
  type MockMistralServer,
} from '../../src/testing/mock-server/index.js';

const API_KEY = 'test-key';
// What this server says about its models: small windows, so the chosen model's window is observable.
const WINDOWS: Record<string, number> = { 'mistral-small-2603': 6_000, 'codestral-2508': 3_000 };
const MODELS = defaultMockModels.map((model) => ({
  ...model,
  contextWindow: WINDOWS[model.id] ?? model.contextWindow,
}));

let server: MockMistralServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(deprecated: Record<string, string> = {}) {
  server = await createMockMistralServer({
    apiKey: API_KEY,
    models: MODELS,
    deprecated,
    reply: (request) => ({ text: `answer from ${String(request.body.model)}` }),
  });
  return createMistral({ apiKey: API_KEY, serverURL: server.url });
}

const chatModels = () =>
  (server?.requests ?? [])
    .filter((request) => request.path.endsWith('/chat/completions'))
    .map((request) => (request.body as { model: string }).model);
const listings = () =>
  (server?.requests ?? []).filter((request) => request.path.endsWith('/v1/models')).length;

describe('router over the real adapter and the mock server', () => {
  it('refreshes the catalog once from GET /v1/models and applies the listed windows', async () => {
    const router = createRouter({ provider: await start() });
    const turns = ['Write a Python function that reverses a list', 'hello there', 'مرحبا، كيف حالك اليوم؟'];
    const selections = await Promise.all(
      turns.map((text) => router.select({ messages: [{ role: 'user', content: text }], needsTools: true })),
    );
    expect(listings()).toBe(1);
    expect(
      selections.map((selection) => [selection.decision.route, selection.model.id, selection.contextWindow]),
    ).toEqual([
      ['code', 'codestral-latest', 3_000],
      ['general', 'mistral-small-latest', 6_000],
      ['arabic', 'mistral-small-2603', 6_000],
    ]);
    // The server lists Saba as retired, replaced by mistral-small-latest: a visible substitution.
    expect(selections[2]?.substitution).toMatchObject({
      requested: 'mistral-saba-latest',
      retiredOn: '2025-09-30',
    });
    await expect(
      selections[2]?.model.generate({ messages: [{ role: 'user', content: 'مرحبا' }] }),
    ).resolves.toMatchObject({ message: { content: 'answer from mistral-small-2603' } });
  });

  it('turns a response deprecation header into one warning per model', async () => {
    const router = createRouter({ provider: await start({ 'codestral-latest': '2027-03-31T00:00:00Z' }) });
    const selection = await router.select({
      messages: [{ role: 'user', content: 'Write a Go function that sums a slice' }],
      needsTools: false,
    });
    const notes = [];
    for (let call = 0; call < 2; call++) {
      const response = await selection.model.generate({ messages: [{ role: 'user', content: 'hi' }] });
      expect(response.meta.deprecation).toMatch(/^2027-03-31/);
      notes.push(router.noteDeprecation(selection.decision.model, response.meta.deprecation ?? ''));
    }
    expect(notes[0]).toMatchObject({ model: 'codestral-latest', deprecation: '2027-03-31' });
    expect(notes[1]).toBeUndefined();
    expect(router.catalog.get('codestral-latest')?.status).toBe('deprecated');
  });

  it('routes an agent run turn by turn: Arabic, image, code, then a follow-up', async () => {
    const router = createRouter({ provider: await start() });
    const agent = defineAgent({
      name: 'routed',
      instructions: 'Be brief.',
      router,
      context: { reserveOutput: 256 },
    });
    const events: AgentEvent[] = [];
    for (const type of ['route-select', 'model-substituted', 'context-trim'] as const) {
      agent.events.on(type, (event) => events.push(event));
    }
    // An old exchange of ~4,000 tokens: it fits the small model's 6,000 window but not Codestral's 3,000.
    const filler = 'The caravan crossed the desert slowly under a pale sky. '.repeat(280);
    let history: Message[] = [
      { role: 'user', content: filler },
      { role: 'assistant', content: 'Noted.' },
    ];
    const turn = async (content: Message['content']) => {
      events.length = 0;
      const result = await run(agent, [...history, { role: 'user', content } as Message]);
      history = result.messages;
      return { routes: events.filter((event) => event.type === 'route-select'), events: [...events] };
    };

    const arabic = await turn('أريد أن أتعلم الطبخ المغربي، من أين أبدأ؟');
    expect(arabic.routes[0]).toMatchObject({ decision: { route: 'arabic', model: 'mistral-small-2603' } });
    expect(arabic.events.some((event) => event.type === 'model-substituted')).toBe(true);
    expect(arabic.events.some((event) => event.type === 'context-trim')).toBe(false);

    const picture = await turn([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image', url: 'https://example.test/cat.png', width: 56, height: 56 },
    ]);
    expect(picture.routes[0]).toMatchObject({
      decision: { route: 'general', model: 'mistral-small-latest' },
    });
    expect(picture.events.some((event) => event.type === 'context-trim')).toBe(false);

    const code = await turn('Write a Python function that merges two sorted lists.');
    expect(code.routes[0]).toMatchObject({ decision: { route: 'code', model: 'codestral-latest' } });
    const trim = code.events.find((event) => event.type === 'context-trim');
    expect(trim?.type === 'context-trim' && trim.report.dropped).toBeGreaterThan(0);
    expect(trim?.type === 'context-trim' && trim.report.available).toBeLessThanOrEqual(3_000 - 256);

    // A new run has no previous decision: the route comes from the last assistant message's meta.route.
    const followUp = await turn('thanks!');
    expect(followUp.routes[0]).toMatchObject({
      decision: { route: 'code', reason: expect.stringMatching(/follow-up/) },
    });

    expect(chatModels()).toEqual([
      'mistral-small-2603',
      'mistral-small-latest',
      'codestral-latest',
      'codestral-latest',
    ]);
    expect(listings()).toBe(1);
  });
});
