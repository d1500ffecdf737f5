/**
 * A deprecated model is reported on one channel, once per run: the typed `model-deprecated` event. Nothing
 * is printed to the console (the SDK's runtime used to print its own `WARNING` to stderr on every call).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AgentEvent, defineAgent, run } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/mock-server/index.js';

let server: MockMistralServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
});

describe('deprecation is reported once, on the event channel only', () => {
  it('two turns on a deprecated model: one model-deprecated event per run, no console output', async () => {
    server = await createMockMistralServer({ deprecated: { 'codestral-latest': '2027-03-31T00:00:00Z' } });
    const printed: unknown[] = [];
    for (const method of ['warn', 'error', 'log', 'info'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args));
    }
    const writes = vi.spyOn(process.stderr, 'write');
    const model = createMistral({ serverURL: server.url, apiKey: 'test-key' })('codestral-latest');
    const agent = defineAgent({ name: 'old', model });
    for (const question of ['first question', 'second question']) {
      const events: AgentEvent[] = [];
      await run(agent, question, { onEvent: (event) => void events.push(event) });
      expect(events.filter((event) => event.type === 'model-deprecated')).toHaveLength(1);
    }
    expect(printed).toEqual([]);
    expect(
      writes.mock.calls.map((call) => String(call[0])).filter((text) => text.includes('WARNING')),
    ).toEqual([]);
  });
});
