/**
 * The loop's own I/O runs under the run's `invoke_agent` span: a memory store's load and save and a router's
 * choice (which lists models over HTTP) are its children, so a store's or an HTTP instrumentation's spans
 * land in the run's trace. The session is loaded after `run-start`, so even a failed load comes after it.
 * Real HTTP against the mock Mistral server; spans read back from the in-memory exporter.
 */
import { context } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { type AgentEvent, defineAgent, run } from '../../src/agent/index.js';
import { InMemoryStore, type MemoryStore } from '../../src/memory/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createRouter, type Router } from '../../src/routing/index.js';
import { childrenOf, createTestTracing, mockMistralPerTest, only, weatherTool } from './support.js';

const API_KEY = 'otel-run-work-key';
const mockMistral = mockMistralPerTest();

/** A store and a router that each make a span (in the active context) around their work. */
async function tracedWork(options: { scopeCalls?: boolean; failLoad?: boolean } = {}) {
  const server = await mockMistral.start({
    apiKey: API_KEY,
    reply: (request) =>
      request.body.messages?.at(-1)?.role === 'tool'
        ? { text: 'Sunny in Rabat.' }
        : { toolCalls: [{ name: 'weather', arguments: { city: 'Rabat' } }] },
  });
  const testing = createTestTracing({ scopeCalls: options.scopeCalls });
  const tracer = testing.provider.getTracer('app');
  const within = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const span = tracer.startSpan(name, {}, context.active());
    try {
      return await work();
    } finally {
      span.end();
    }
  };
  const inner = new InMemoryStore();
  const memory: MemoryStore = {
    load: (sessionId) =>
      within('store.load', async () => {
        if (options.failLoad) throw new Error('store offline');
        return inner.load(sessionId);
      }),
    append: (sessionId, messages) => within('store.append', () => inner.append(sessionId, messages)),
    clear: (sessionId) => inner.clear(sessionId),
  };
  const mistral = createMistral({ apiKey: API_KEY, serverURL: server.url });
  const routes = createRouter({ provider: mistral });
  const router: Router = {
    select: (input, selectOptions) => within('router.select', () => routes.select(input, selectOptions)),
    explain: (text) => routes.explain(text),
  };
  const agent = defineAgent({ name: 'weather-bot', router, memory, tools: { weather: weatherTool } });
  return { ...testing, agent };
}

const shortName = (name: string) => name.replace(/^chat .*/, 'chat');

describe('the loop work of a traced run', () => {
  it('session load, each route choice and the session save are children of invoke_agent', async () => {
    const { agent, tracing, spans } = await tracedWork();
    const result = await run(agent, 'Weather in Rabat?', { session: 'user-1', onEvent: tracing.onEvent });
    expect(result.status).toBe('complete');
    const all = spans();
    const root = only(all, 'invoke_agent weather-bot');
    expect(root.parentSpanContext).toBeUndefined();
    expect(childrenOf(all, root).map((span) => shortName(span.name))).toEqual([
      'store.load',
      'router.select',
      'chat',
      'execute_tool weather',
      'router.select',
      'chat',
      'store.append',
    ]);
    expect(all.every((span) => span.spanContext().traceId === root.spanContext().traceId)).toBe(true);
  });

  it('scopeCalls: false leaves that work in the caller context too', async () => {
    const { agent, tracing, spans } = await tracedWork({ scopeCalls: false });
    await run(agent, 'Weather in Rabat?', { session: 'user-1', onEvent: tracing.onEvent });
    const all = spans();
    const root = only(all, 'invoke_agent weather-bot');
    expect(childrenOf(all, root).map((span) => shortName(span.name))).toEqual([
      'chat',
      'execute_tool weather',
      'chat',
    ]);
    expect(all.filter((span) => span.parentSpanContext === undefined).map((span) => span.name)).toEqual(
      expect.arrayContaining(['store.load', 'store.append', 'router.select']),
    );
  });

  it('run-start comes before the session load: a failed load ends the run span in error', async () => {
    const { agent, tracing, spans } = await tracedWork({ failLoad: true });
    const events: AgentEvent['type'][] = [];
    const onEvent = (event: AgentEvent) => {
      events.push(event.type);
      tracing.onEvent(event);
    };
    // The scope travels on tracing.onEvent; this wrapper only records the order, so the run is unscoped.
    await expect(run(agent, 'Weather in Rabat?', { session: 'user-1', onEvent })).rejects.toThrow(
      'store offline',
    );
    expect(events).toEqual(['run-start', 'run-error']);
    const root = only(spans(), 'invoke_agent weather-bot');
    expect(root.status.code).toBe(2);
  });
});
