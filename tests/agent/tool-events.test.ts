import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import { AbortError } from '../../src/errors.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';
import { trackUnhandledRejections } from './unhandled-rejections.js';

function deferred<Value = void>() {
  let resolve!: (value: Value) => void;
  const promise = new Promise<Value>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A tool that answers `value` once `gate` is released, and says when it started and finished. */
function gated(gate: Promise<void>) {
  const state = { started: deferred(), finished: false };
  const slow = tool({
    description: 'Answers once the test lets it.',
    parameters: z.object({ value: z.string() }),
    execute: async ({ value }) => {
      state.started.resolve();
      await gate;
      state.finished = true;
      return value;
    },
  });
  return { slow, state };
}

function echo(ran: string[] = []) {
  return tool({
    description: 'Answers at once.',
    parameters: z.object({ value: z.string() }),
    execute: ({ value }) => {
      ran.push(value);
      return value;
    },
  });
}

/** Lets pending rejections be reported (Node reports them once the microtask queue is empty). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const toolContents = (messages: ReadonlyArray<{ role: string; content?: unknown }>) =>
  messages.filter((message) => message.role === 'tool').map((message) => message.content);

/** A model whose first step calls slow(a), fast(b), fast(c), and whose second answers "done". */
function slowThenTwoFast(): FakeModel {
  return new FakeModel({
    steps: [
      {
        toolCalls: [
          { name: 'slow', arguments: { value: 'a' } },
          { name: 'fast', arguments: { value: 'b' } },
          { name: 'fast', arguments: { value: 'c' } },
        ],
      },
      { text: 'done' },
    ],
  });
}

// Every test releases its slow tools from a tool-call-end handler; if the ends were held back until all
// calls finished, that handler would never run and the test would time out.
describe('tool-call-end events', { timeout: 5_000 }, () => {
  const unhandled = trackUnhandledRejections();

  it('come as each call finishes, while messages and records keep call order', async () => {
    const gate = deferred();
    const { slow, state } = gated(gate.promise);
    const model = new FakeModel({
      steps: [
        {
          toolCalls: [
            { name: 'slow', arguments: { value: 'first' }, id: 'call00001' },
            { name: 'fast', arguments: { value: 'second' }, id: 'call00002' },
          ],
        },
        { text: 'done' },
      ],
    });
    const agent = defineAgent({ name: 't', tools: { slow, fast: echo() }, model });
    const ends: string[] = [];
    let slowFinishedAtFastEnd: boolean | undefined;
    agent.events.on('tool-call-end', (event) => {
      ends.push(event.toolCallId);
      if (event.toolName === 'fast') {
        slowFinishedAtFastEnd = state.finished;
        gate.resolve();
      }
    });
    const result = await run(agent, 'go');
    expect(ends).toEqual(['call00002', 'call00001']);
    expect(slowFinishedAtFastEnd).toBe(false);
    expect(result.steps[0]!.toolCalls.map((call) => call.toolCallId)).toEqual(['call00001', 'call00002']);
    expect(toolContents(result.newMessages)).toEqual(['first', 'second']);
    expect(toolContents(model.requests[1]!.messages)).toEqual(['first', 'second']);
  });

  it('reach a stream consumer in completion order, each one before the slower calls finish', async () => {
    const gate = deferred();
    const { slow, state } = gated(gate.promise);
    const model = slowThenTwoFast();
    const agent = defineAgent({ name: 't', tools: { slow, fast: echo() }, model });
    const events = stream(agent, 'go');
    const seen: string[] = [];
    for await (const event of events) {
      if (event.type === 'tool-call-start')
        seen.push(`start:${String((event.args as { value: string }).value)}`);
      if (event.type === 'tool-call-end') {
        seen.push(`end:${event.result}`);
        if (event.result === 'c') {
          expect(state.finished).toBe(false);
          gate.resolve();
        }
      }
    }
    expect(seen).toEqual(['start:a', 'start:b', 'start:c', 'end:b', 'end:c', 'end:a']);
    const result = await events.result();
    expect(toolContents(result.newMessages)).toEqual(['a', 'b', 'c']);
  });

  it('come first for calls that never run (bad arguments, unknown tool)', async () => {
    const gate = deferred();
    const { slow } = gated(gate.promise);
    const model = new FakeModel({
      steps: [
        {
          toolCalls: [
            { name: 'slow', arguments: { value: 'ok' } },
            { name: 'slow', arguments: '{"value":' },
            { name: 'missing', arguments: {} },
          ],
        },
        { text: 'done' },
      ],
    });
    const agent = defineAgent({
      name: 't',
      tools: { slow },
      model,
      toolErrorBudget: { consecutive: 5, total: 5 },
    });
    const ends: AgentEvent[] = [];
    agent.events.on('tool-call-end', (event) => {
      ends.push(event);
      if (ends.length === 2) gate.resolve();
    });
    const result = await run(agent, 'go');
    expect(ends.map((event) => event.type === 'tool-call-end' && [event.toolName, event.isError])).toEqual([
      ['slow', true],
      ['missing', true],
      ['slow', false],
    ]);
    const tools = result.newMessages.filter((message) => message.role === 'tool');
    expect(tools.map((message) => message.role === 'tool' && message.name)).toEqual([
      'slow',
      'slow',
      'missing',
    ]);
    expect(tools[0]).toMatchObject({ content: 'ok' });
  });

  it('stay in call order with toolConcurrency 1', async () => {
    const gate = deferred();
    const { slow, state } = gated(gate.promise);
    const ran: string[] = [];
    const model = slowThenTwoFast();
    const agent = defineAgent({ name: 't', tools: { slow, fast: echo(ran) }, model, toolConcurrency: 1 });
    const ends: string[] = [];
    agent.events.on('tool-call-end', (event) => ends.push(event.result));
    const pending = run(agent, 'go');
    await state.started.promise;
    await settle();
    expect(ran).toEqual([]);
    expect(ends).toEqual([]);
    gate.resolve();
    const result = await pending;
    expect(ends).toEqual(['a', 'b', 'c']);
    expect(toolContents(result.newMessages)).toEqual(['a', 'b', 'c']);
  });

  it('stop at an abort mid-step: AbortError, no unhandled rejection, no further call started', async () => {
    const toolSignals: AbortSignal[] = [];
    const hang = tool({
      description: 'Never finishes, and ignores its signal.',
      parameters: z.object({}),
      execute: (_args, { signal }) => {
        toolSignals.push(signal);
        return new Promise<never>(() => {});
      },
    });
    const ran: string[] = [];
    const model = new FakeModel({
      steps: [
        {
          toolCalls: [
            { name: 'hang', arguments: {} },
            { name: 'fast', arguments: { value: 'b' } },
            { name: 'hang', arguments: {} },
            { name: 'fast', arguments: { value: 'd' } },
          ],
        },
        { text: 'never' },
      ],
    });
    const agent = defineAgent({ name: 't', tools: { hang, fast: echo(ran) }, model, toolConcurrency: 2 });
    const controller = new AbortController();
    const seen: AgentEvent[] = [];
    for (const type of ['tool-call-end', 'step-end', 'run-error'] as const)
      agent.events.on(type, (event) => seen.push(event));
    agent.events.on('tool-call-end', () => controller.abort(new Error('user left')));
    const error = await run(agent, 'go', { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    expect(seen.map((event) => event.type)).toEqual(['tool-call-end', 'run-error']);
    expect(ran).toEqual(['b']);
    expect(toolSignals).toHaveLength(2);
    expect(toolSignals.every((signal) => signal.aborted)).toBe(true);
    await settle();
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('stop when a stream consumer breaks out mid-step: no further call starts, nothing unhandled', async () => {
    for (const withSignal of [false, true]) {
      const gate = deferred();
      const { slow, state } = gated(gate.promise);
      const ran: string[] = [];
      const model = new FakeModel({
        steps: [
          {
            toolCalls: [
              { name: 'slow', arguments: { value: 'a' } },
              { name: 'fast', arguments: { value: 'b' } },
              { name: 'slow', arguments: { value: 'c' } },
              { name: 'fast', arguments: { value: 'd' } },
            ],
          },
          { text: 'never' },
        ],
      });
      const agent = defineAgent({ name: 't', tools: { slow, fast: echo(ran) }, model, toolConcurrency: 2 });
      const controller = new AbortController();
      const events = stream(agent, 'go', withSignal ? { signal: controller.signal } : {});
      for await (const event of events) if (event.type === 'tool-call-end') break;
      await expect(events.result()).rejects.toBeInstanceOf(AbortError);
      expect(state.finished).toBe(false);
      gate.resolve();
      await settle();
      await settle();
      expect(ran).toEqual(['b']);
      expect(model.requests).toHaveLength(1);
      expect(unhandled).toEqual([]);
    }
  });
});

describe('typed tool events', () => {
  it("carry validity, the checked arguments and the tool's own return value", async () => {
    const weather = tool({
      description: 'Weather.',
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => ({ city, celsius: 21 }),
    });
    const calls = {
      toolCalls: [
        { name: 'weather', arguments: { city: 'Lyon' } },
        { name: 'forecast', arguments: { city: 'Lyon' } },
        { name: 'weather', arguments: { town: 'Lyon' } },
      ],
    };
    const model = new FakeModel({ steps: [calls, { text: 'done' }] });
    const agent = defineAgent({ name: 'typed', model, tools: { weather } });
    const events: AgentEvent[] = [];
    for await (const event of stream(agent, 'q')) events.push(event);
    const starts = events.filter((event) => event.type === 'tool-call-start');
    expect(starts.map(({ toolName, valid, args }) => ({ toolName, valid, args }))).toEqual([
      { toolName: 'weather', valid: true, args: { city: 'Lyon' } },
      { toolName: 'forecast', valid: false, args: '{"city":"Lyon"}' },
      { toolName: 'weather', valid: false, args: { town: 'Lyon' } },
    ]);
    const ends = events.filter((event) => event.type === 'tool-call-end');
    const ok = ends.find((event) => event.valid && !event.isError);
    expect(ok).toMatchObject({
      toolName: 'weather',
      args: { city: 'Lyon' },
      result: '{"city":"Lyon","celsius":21}',
    });
    expect(ok?.output).toEqual({ city: 'Lyon', celsius: 21 });
    expect(ends.filter((event) => event.isError).map((event) => event.output)).toEqual([
      undefined,
      undefined,
    ]);
    const again = new FakeModel({ steps: [calls, { text: 'ok' }] });
    const result = await run(defineAgent({ name: 'typed', model: again, tools: { weather } }), 'q');
    expect(result.status).toBe('complete');
    expect(result.steps[0]?.toolCalls.map((call) => call.valid)).toEqual([true, false, false]);
  });
});
