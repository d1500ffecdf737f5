/** `run(agent, input, { onEvent })`: one run's events, for that run only, next to `agent.events`. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, defineAgent, run, stream } from '../../src/agent/index.js';
import { FakeModel } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';

const add = tool({
  description: 'Adds two numbers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

function addingAgent() {
  const model = new FakeModel({
    steps: [(request) => ({ toolCalls: [{ name: 'add', arguments: { a: 1, b: request.messages.length } }] })],
  });
  // Every later call answers with text.
  for (let index = 0; index < 10; index++) model.push({ text: `done ${index}` });
  return defineAgent({ name: 'adder', model, tools: { add } });
}

describe('per-run listeners', () => {
  it('give each concurrent run its own events while agent.events sees them all', async () => {
    const agent = defineAgent({
      name: 'echo',
      model: new FakeModel({ steps: [{ text: 'one' }, { text: 'two' }] }),
    });
    const all: AgentEvent[] = [];
    agent.events.on('run-end', (event) => all.push(event));
    const first: AgentEvent[] = [];
    const second: AgentEvent[] = [];
    const [a, b] = await Promise.all([
      run(agent, 'first', { onEvent: (event) => first.push(event) }),
      run(agent, 'second', { onEvent: (event) => second.push(event) }),
    ]);
    expect(new Set(first.map((event) => event.runId))).toEqual(new Set([a.runId]));
    expect(new Set(second.map((event) => event.runId))).toEqual(new Set([b.runId]));
    expect(first.at(0)?.type).toBe('run-start');
    expect(first.at(-1)?.type).toBe('run-end');
    expect(all.map((event) => event.runId).sort()).toEqual([a.runId, b.runId].sort());
  });

  it('receives exactly what stream() yields, in the same order', async () => {
    const yielded: AgentEvent[] = [];
    const heard: AgentEvent[] = [];
    const events = stream(addingAgent(), 'add', { onEvent: (event) => heard.push(event) });
    for await (const event of events) yielded.push(event);
    expect(heard).toEqual(yielded);
    expect(heard.map((event) => event.type)).toContain('tool-call-end');
  });

  it('reports a throwing onEvent as listener-error, to itself and agent.events, and the run finishes', async () => {
    const agent = addingAgent();
    const reported: unknown[] = [];
    agent.events.on('listener-error', (event) => reported.push(event.error));
    const seen: string[] = [];
    const result = await run(agent, 'add', {
      onEvent: (event) => {
        seen.push(event.type);
        if (event.type === 'tool-call-end') throw new Error('listener bug');
      },
    });
    expect(result.status).toBe('complete');
    expect(reported).toEqual([new Error('listener bug')]);
    expect(seen[seen.indexOf('tool-call-end') + 1]).toBe('listener-error');
  });

  it('also hears about agent.events listeners that threw', async () => {
    const agent = addingAgent();
    agent.events.on('step-start', () => {
      throw new Error('agent listener bug');
    });
    const errors: unknown[] = [];
    await run(agent, 'add', {
      onEvent: (event) => {
        if (event.type === 'listener-error') errors.push(event.error);
      },
    });
    expect(errors).toEqual([new Error('agent listener bug'), new Error('agent listener bug')]);
  });
});
