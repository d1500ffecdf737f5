import { describe, expect, it } from 'vitest';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { stream } from '../../src/agent/stream.js';
import { createRouter } from '../../src/routing/create-router.js';
import { FakeModel } from '../../src/testing/fake-model.js';

async function eventsOf(iterable: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

const deprecatedTwice = () =>
  new FakeModel({
    id: 'mistral-medium-2505',
    steps: [
      { toolCalls: [{ name: 'missing', arguments: {} }], deprecation: '2026-12-31' },
      { text: 'done', deprecation: '2026-12-31' },
    ],
  });

describe('model-deprecated events', () => {
  it('warns once per run for a fixed model whose responses say it is deprecated', async () => {
    const agent = defineAgent({ name: 'fixed', instructions: 'Help.', model: deprecatedTwice() });
    const events = await eventsOf(stream(agent, 'Hello'));
    const warnings = events.filter((event) => event.type === 'model-deprecated');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      step: 1,
      warning: { model: 'mistral-medium-2505', deprecation: '2026-12-31' },
    });
    expect(warnings[0]?.type === 'model-deprecated' && warnings[0].warning.message).toMatch(/2026-12-31/);
  });

  it('warns once per router across runs when the router keeps a catalog', async () => {
    const general = new FakeModel({ id: 'mistral-medium-2505' });
    general.push({ text: 'one', deprecation: '2026-12-31' }, { text: 'two', deprecation: '2026-12-31' });
    const router = createRouter({ routes: { general, code: general, arabic: general } });
    const agent = defineAgent({ name: 'routed', instructions: 'Help.', router });
    const first = await eventsOf(stream(agent, 'Hello there'));
    const second = await eventsOf(stream(agent, 'Another question'));
    expect(first.filter((event) => event.type === 'model-deprecated')).toHaveLength(1);
    expect(second.filter((event) => event.type === 'model-deprecated')).toHaveLength(0);
  });

  it('says nothing when responses carry no deprecation', async () => {
    const model = new FakeModel({ steps: [{ text: 'fine' }] });
    const agent = defineAgent({ name: 'quiet', instructions: 'Help.', model });
    const events = await eventsOf(stream(agent, 'Hello'));
    expect(events.some((event) => event.type === 'model-deprecated')).toBe(false);
  });
});
