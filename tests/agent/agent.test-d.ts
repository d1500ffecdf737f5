import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent, TextDeltaEvent, ToolCallEndEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import type { PendingApproval, RunResult, RunState } from '../../src/agent/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';
import type { ToolContext } from '../../src/tools/types.js';

const model = new FakeModel();
const add = tool({
  description: 'Add.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});
const whoami = tool({
  description: 'Who.',
  parameters: z.object({}),
  execute: (_args, { context }: ToolContext<{ userId: string }>) => context.userId,
});

describe('agent types', () => {
  it('types output from the output schema, and as the text without one', async () => {
    const structured = defineAgent({ name: 's', model, output: z.object({ city: z.string() }) });
    const result = await run(structured, 'q');
    expectTypeOf(result).toEqualTypeOf<RunResult<{ city: string }, Record<never, never>>>();
    // status 'complete' alone types the output: runs ended by a tool or stopWhen are 'stopped'.
    if (result.status === 'complete') expectTypeOf(result.output).toEqualTypeOf<{ city: string }>();
    if (result.status === 'stopped') expectTypeOf(result.output).toEqualTypeOf<undefined>();
    if (result.status === 'pending-approval') {
      expectTypeOf(result.pendingApprovals).toEqualTypeOf<PendingApproval<Record<never, never>>[]>();
      expectTypeOf(result.state).toEqualTypeOf<RunState>();
    }
    const plain = await run(defineAgent({ name: 'p', model }), 'q');
    if (plain.status === 'complete') expectTypeOf(plain.output).toEqualTypeOf<string>();
    expectTypeOf(plain.output).toEqualTypeOf<string | undefined>();
  });

  it('requires the context the tools declare, typed', () => {
    const agent = defineAgent({ name: 'c', model, tools: { add, whoami } });
    void run(agent, 'q', { context: { userId: 'u1' } });
    // @ts-expect-error context is required when a tool declares one
    void run(agent, 'q');
    // @ts-expect-error the context has the wrong shape
    void run(agent, 'q', { context: { user: 'u1' } });
    void stream(agent, 'q', { context: { userId: 'u1' } });
    const free = defineAgent({ name: 'f', model, tools: { add } });
    void run(free, 'q');
  });

  it('lets toolChoice name only the agent tools', () => {
    const agent = defineAgent({ name: 't', model, tools: { add } });
    void run(agent, 'q', { settings: { toolChoice: { name: 'add' } } });
    void run(agent, 'q', { settings: { toolChoice: 'any' } });
    // @ts-expect-error no tool named multiply
    void run(agent, 'q', { settings: { toolChoice: { name: 'multiply' } } });
  });

  it('narrows events by type on the emitter and in the stream', async () => {
    const agent = defineAgent({ name: 'e', model, tools: { add } });
    agent.events.on('tool-call-end', (event) => {
      expectTypeOf(event).toEqualTypeOf<ToolCallEndEvent<{ add: typeof add }>>();
      expectTypeOf(event.isError).toEqualTypeOf<boolean>();
    });
    // @ts-expect-error not an event type
    agent.events.on('tool-finished', () => {});
    for await (const event of stream(agent, 'q')) {
      expectTypeOf(event).toEqualTypeOf<AgentEvent<{ add: typeof add }>>();
      if (event.type === 'text-delta') expectTypeOf(event).toEqualTypeOf<TextDeltaEvent>();
      if (event.type === 'route-select') expectTypeOf(event.decision.route).toBeString();
    }
  });

  it('accepts approvals only in the documented shape', () => {
    const agent = defineAgent({ name: 'a', model, tools: { add } });
    const state = {} as RunState;
    void run(agent, {
      resume: state,
      approvals: { abc: { approved: true }, def: { approved: false, reason: 'no' } },
    });
    // @ts-expect-error a reason only goes with a rejection
    void run(agent, { resume: state, approvals: { abc: { approved: true, reason: 'x' } } });
  });
});
