import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import { AbortError } from '../../src/errors.js';
import { InMemoryStore } from '../../src/memory/in-memory-store.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';

const add = tool({
  description: 'Add two numbers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

describe('stream', () => {
  it('yields text deltas as they arrive and the same result as run()', async () => {
    const model = new FakeModel({
      steps: [
        { toolCalls: [{ name: 'add', arguments: { a: 2, b: 2 } }] },
        { text: 'The sum is four.', chunkSize: 4 },
      ],
    });
    const agent = defineAgent({ name: 's', tools: { add }, model });
    const events = stream(agent, '2+2');
    const seen: AgentEvent[] = [];
    for await (const event of events) seen.push(event);
    const deltas = seen.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
    expect(deltas).toEqual(['The ', 'sum ', 'is f', 'our.']);
    expect(seen.map((event) => event.type)).toEqual([
      'run-start',
      'step-start',
      'model-call-end',
      'tool-call-start',
      'tool-call-end',
      'step-end',
      'step-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'model-call-end',
      'step-end',
      'run-end',
    ]);
    const result = await events.result();
    expect(result.text).toBe('The sum is four.');
    expect(result.steps).toHaveLength(2);
  });

  it('drives the run from result() when nobody iterates, and emits to agent.events', async () => {
    const model = new FakeModel({ steps: [{ text: 'hello' }] });
    const agent = defineAgent({ name: 's', model });
    const types: string[] = [];
    agent.events.on('text-delta', (event) => types.push(`${event.type}:${event.text}`));
    const result = await stream(agent, 'hi').result();
    expect(result.text).toBe('hello');
    expect(types).toEqual(['text-delta:hello']);
  });

  it('refuses a second iteration of the same stream', async () => {
    const model = new FakeModel({ steps: [{ text: 'once' }] });
    const events = stream(defineAgent({ name: 's', model }), 'x');
    for await (const _event of events) {
      // drain
    }
    await expect(async () => {
      for await (const _event of events) {
        // second pass
      }
    }).rejects.toThrow(/already iterated/);
  });

  it('aborts mid-stream: the model call stops, result() rejects, memory is untouched', async () => {
    const memory = new InMemoryStore();
    const append = vi.spyOn(memory, 'append');
    const model = new FakeModel({
      steps: [{ text: 'a long answer that streams in many pieces', chunkSize: 2 }],
    });
    const agent = defineAgent({ name: 's', model, memory });
    const controller = new AbortController();
    const events = stream(agent, 'talk', { signal: controller.signal, session: 'x' });
    const seen: string[] = [];
    await expect(async () => {
      for await (const event of events) {
        seen.push(event.type);
        if (event.type === 'text-delta' && seen.filter((type) => type === 'text-delta').length === 3)
          controller.abort();
      }
    }).rejects.toBeInstanceOf(AbortError);
    await expect(events.result()).rejects.toBeInstanceOf(AbortError);
    expect(seen.filter((type) => type === 'text-delta')).toHaveLength(3);
    expect(seen.at(-1)).toBe('run-error');
    expect(append).not.toHaveBeenCalled();
  });

  it('stops the run when the consumer breaks out early: no tool runs, no further model call', async () => {
    let toolSignal: AbortSignal | undefined;
    const wait = tool({
      description: 'Waits.',
      parameters: z.object({}),
      execute: (_args, { signal }) => {
        toolSignal = signal;
        return new Promise((resolve) => setTimeout(() => resolve('late'), 50));
      },
    });
    const model = new FakeModel({
      steps: [
        {
          toolCalls: [
            { name: 'wait', arguments: {} },
            { name: 'wait', arguments: {} },
          ],
        },
        { text: 'never' },
      ],
    });
    const events = stream(defineAgent({ name: 's', tools: { wait }, model }), 'go');
    for await (const event of events) if (event.type === 'tool-call-start') break;
    await expect(events.result()).rejects.toBeInstanceOf(AbortError);
    expect(model.requests).toHaveLength(1);
    expect(toolSignal).toBeUndefined();
  });

  it('reports a throwing listener as listener-error and finishes the run', async () => {
    const model = new FakeModel({ steps: [{ text: 'fine' }] });
    const agent = defineAgent({ name: 's', model });
    const calls: string[] = [];
    const reported: unknown[] = [];
    agent.events.on('step-start', () => {
      throw new Error('listener bug');
    });
    agent.events.on('step-start', () => calls.push('second listener still ran'));
    agent.events.on('listener-error', (event) => reported.push(event.error));
    const events = stream(agent, 'x');
    const seen: AgentEvent[] = [];
    for await (const event of events) seen.push(event);
    expect((await events.result()).text).toBe('fine');
    expect(calls).toEqual(['second listener still ran']);
    const listenerError = seen.find((event) => event.type === 'listener-error');
    expect(listenerError).toMatchObject({ eventType: 'step-start', error: { message: 'listener bug' } });
    expect(reported).toHaveLength(1);
  });

  it('calls once() listeners a single time', async () => {
    const model = new FakeModel({ steps: [{ text: 'a' }, { text: 'b' }] });
    const agent = defineAgent({ name: 's', model });
    let count = 0;
    agent.events.once('run-end', () => count++);
    await run(agent, 'one');
    await run(agent, 'two');
    expect(count).toBe(1);
  });
});

describe('memory', () => {
  it('loads the session history and appends the turn once, when it completes', async () => {
    const memory = new InMemoryStore();
    const append = vi.spyOn(memory, 'append');
    const model = new FakeModel({
      steps: [
        { toolCalls: [{ name: 'add', arguments: { a: 1, b: 2 } }] },
        { text: '3' },
        { text: 'you asked 1+2' },
      ],
    });
    const agent = defineAgent({ name: 'm', tools: { add }, model, memory });
    await run(agent, '1+2?', { session: 'u1' });
    expect(append).toHaveBeenCalledTimes(1);
    expect(append.mock.calls[0]![1].map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    const second = await run(agent, 'what did I ask?', { session: 'u1' });
    expect(model.requests[2]!.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(second.messages).toHaveLength(6);
    expect(second.newMessages).toHaveLength(2);
    expect((await memory.load('u1')).length).toBe(6);
  });

  it('leaves the history unchanged when the run fails', async () => {
    const memory = new InMemoryStore();
    const append = vi.spyOn(memory, 'append');
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'add', arguments: { a: 1, b: 2 } }] }, new Error('server down')],
    });
    const agent = defineAgent({ name: 'm', tools: { add }, model, memory });
    await expect(run(agent, 'x', { session: 'u1' })).rejects.toThrow('server down');
    expect(append).not.toHaveBeenCalled();
  });
});
