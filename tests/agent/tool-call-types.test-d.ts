import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent, ToolCallEndEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import type { RunResult, ToolCallRecord } from '../../src/agent/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';

const model = new FakeModel();
const weather = tool({
  description: 'Weather in a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, celsius: 21 }),
});
const convert = tool({
  description: 'Convert an amount.',
  parameters: z.object({ amount: z.number(), to: z.enum(['EUR', 'USD']) }),
  execute: ({ amount }) => amount * 1.1,
  needsApproval: true,
});
const agent = defineAgent({ name: 'two-tools', model, tools: { weather, convert } });
type Tools = { weather: typeof weather; convert: typeof convert };

describe('tool calls typed over the agent tools', () => {
  it('narrows args and the typed output on toolName in the stream', async () => {
    for await (const event of stream(agent, 'q')) {
      expectTypeOf(event).toEqualTypeOf<AgentEvent<Tools>>();
      if (event.type === 'tool-call-start' && event.valid) {
        expectTypeOf(event.toolName).toEqualTypeOf<'weather' | 'convert'>();
        if (event.toolName === 'weather') expectTypeOf(event.args).toEqualTypeOf<{ city: string }>();
        if (event.toolName === 'convert') {
          expectTypeOf(event.args).toEqualTypeOf<{ amount: number; to: 'EUR' | 'USD' }>();
        }
      }
      if (event.type === 'tool-call-start' && !event.valid) {
        // The model may name a tool the agent does not have; the arguments were not checked.
        expectTypeOf(event.toolName).toEqualTypeOf<string>();
        expectTypeOf(event.args).toEqualTypeOf<unknown>();
      }
      if (event.type === 'tool-call-end' && !event.isError) {
        if (event.toolName === 'weather') {
          expectTypeOf(event.output).toEqualTypeOf<{ city: string; celsius: number }>();
          expectTypeOf(event.args).toEqualTypeOf<{ city: string }>();
        }
        if (event.toolName === 'convert') expectTypeOf(event.output).toEqualTypeOf<number>();
      }
      if (event.type === 'tool-call-end' && event.isError)
        expectTypeOf(event.output).toEqualTypeOf<undefined>();
      if (event.type === 'tool-approval-request' && event.toolName === 'convert') {
        expectTypeOf(event.args.to).toEqualTypeOf<'EUR' | 'USD'>();
      }
    }
  });

  it('narrows on the emitter too', () => {
    agent.events.on('tool-call-end', (event) => {
      if (!event.isError && event.toolName === 'convert') expectTypeOf(event.output).toEqualTypeOf<number>();
      // @ts-expect-error no such tool
      if (event.valid && event.toolName === 'forecast') return;
    });
  });

  it('types records and pending approvals in the result', async () => {
    const result = await run(agent, 'q');
    expectTypeOf(result).toEqualTypeOf<RunResult<string, Tools>>();
    const call = result.steps[0]?.toolCalls[0];
    if (call?.valid && call.toolName === 'convert') expectTypeOf(call.args.amount).toEqualTypeOf<number>();
    if (result.status === 'pending-approval') {
      const [pending] = result.pendingApprovals;
      if (pending?.toolName === 'weather') expectTypeOf(pending.args).toEqualTypeOf<{ city: string }>();
    }
  });

  it('still passes a typed result, record or event where any is expected', async () => {
    const result = await run(agent, 'q');
    expectTypeOf(result).toExtend<RunResult>();
    expectTypeOf<ToolCallRecord<Tools>>().toExtend<ToolCallRecord>();
    expectTypeOf<ToolCallEndEvent<Tools>>().toExtend<AgentEvent>();
    expectTypeOf(stream(agent, 'q')).toExtend<AsyncIterable<AgentEvent>>();
  });

  it('rejects an agent with neither model nor router, and a tool whose schema is not an object', () => {
    // @ts-expect-error neither model nor router
    void (() => defineAgent({ name: 'nothing' }));
    void tool({
      description: 'Echo.',
      // @ts-expect-error Mistral tool parameters must be an object schema
      parameters: z.string(),
      execute: (text) => text,
    });
    void tool({
      description: 'Ok.',
      parameters: z.object({ text: z.string() }),
      execute: ({ text }) => text,
    });
  });
});
