import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import type { RunResult, RunState } from '../../src/agent/types.js';
import { InMemoryStore } from '../../src/memory/in-memory-store.js';
import type { Message } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';

function bankAgent(model: FakeModel, memory?: InMemoryStore) {
  const transfers: number[] = [];
  const transfer = tool({
    description: 'Move money.',
    parameters: z.object({ amount: z.number() }),
    needsApproval: ({ amount }) => amount > 100,
    execute: ({ amount }) => {
      transfers.push(amount);
      return `moved ${amount}`;
    },
  });
  const balance = tool({ description: 'Read the balance.', parameters: z.object({}), execute: () => 1000 });
  const agent = defineAgent({
    name: 'bank',
    tools: { transfer, balance },
    model,
    ...(memory ? { memory } : {}),
  });
  return { agent, transfers };
}

function pending(result: RunResult): Extract<RunResult, { status: 'pending-approval' }> {
  if (result.status !== 'pending-approval') throw new Error(`expected a paused run, got ${result.status}`);
  return result;
}

describe('approvals', () => {
  it('pauses before running any call of the step and lists the calls that need approval', async () => {
    const model = new FakeModel({
      steps: [
        {
          toolCalls: [
            { name: 'balance', arguments: {} },
            { name: 'transfer', arguments: { amount: 500 } },
            { name: 'transfer', arguments: { amount: 5 } },
          ],
        },
      ],
    });
    const { agent, transfers } = bankAgent(model);
    const events: AgentEvent[] = [];
    agent.events.on('tool-approval-request', (event) => events.push(event));
    agent.events.on('run-end', (event) => events.push(event));
    const result = pending(await run(agent, 'pay 500 and 5'));
    const assistant = result.newMessages[1];
    const transferCall = assistant?.role === 'assistant' ? assistant.toolCalls?.[1] : undefined;
    expect(result.pendingApprovals).toEqual([
      {
        toolCallId: transferCall?.id,
        toolName: 'transfer',
        args: { amount: 500 },
        digest: expect.stringMatching(/^[0-9a-f]{64}$/u),
      },
    ]);
    expect(transferCall?.id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(transfers).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(['tool-approval-request', 'run-end']);
    expect(events[1]).toMatchObject({ status: 'pending-approval', stopReason: 'approval' });
  });

  it('resumes from a JSON round-tripped state: approved calls run, rejections reach the model', async () => {
    const model = new FakeModel({
      steps: [
        {
          toolCalls: [
            { name: 'transfer', arguments: { amount: 500 } },
            { name: 'transfer', arguments: { amount: 200 } },
            { name: 'balance', arguments: {} },
          ],
        },
        { text: 'Moved 500; the 200 transfer was refused.' },
      ],
    });
    const { agent, transfers } = bankAgent(model);
    const paused = pending(await run(agent, 'pay'));
    const [first, second] = paused.pendingApprovals;
    const state = JSON.parse(JSON.stringify(paused.state)) as RunState;
    const result = await run(agent, {
      resume: state,
      approvals: {
        [first!.toolCallId]: { approved: true },
        [second!.toolCallId]: { approved: false, reason: 'too much today' },
      },
    });
    expect(transfers).toEqual([500]);
    expect(result.status).toBe('complete');
    expect(result.runId).toBe(paused.runId);
    const toolMessages = model.requests[1]!.messages.filter((message) => message.role === 'tool');
    expect(toolMessages).toHaveLength(3);
    expect(toolMessages[0]).toMatchObject({ content: 'moved 500' });
    expect(toolMessages[1]).toMatchObject({
      isError: true,
      content: expect.stringMatching(/rejected[\s\S]*too much today/),
    });
    expect(toolMessages[2]).toMatchObject({ content: '1000' });
    expect(result.steps[0]!.toolCalls.map((call) => call.approval)).toEqual([
      'approved',
      'rejected',
      undefined,
    ]);
    expect(result.newMessages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'tool',
      'tool',
      'assistant',
    ]);
  });

  it('keeps the store free of the paused turn until the resumed run completes', async () => {
    const memory = new InMemoryStore();
    const append = vi.spyOn(memory, 'append');
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'transfer', arguments: { amount: 900 } }] }, { text: 'done' }],
    });
    const { agent } = bankAgent(model, memory);
    const paused = pending(await run(agent, 'pay 900', { session: 's' }));
    expect(await memory.load('s')).toEqual([]);
    expect(paused.state.history).toEqual([]);
    const id = paused.pendingApprovals[0]!.toolCallId;
    await run(agent, {
      resume: JSON.parse(JSON.stringify(paused.state)),
      approvals: { [id]: { approved: true } },
    });
    const stored = await memory.load('s');
    expect(stored.map((message: Message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    // The whole turn, paused and resumed, is committed in a single append.
    expect(append).toHaveBeenCalledTimes(1);
  });

  it('rejects a resume with a missing, unknown or foreign decision', async () => {
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'transfer', arguments: { amount: 900 } }] }],
    });
    const { agent } = bankAgent(model);
    const paused = pending(await run(agent, 'pay'));
    await expect(run(agent, { resume: paused.state, approvals: {} })).rejects.toThrow(/Missing a decision/);
    await expect(
      run(agent, { resume: paused.state, approvals: { nope12345: { approved: true } } }),
    ).rejects.toThrow(/No pending tool call has id "nope12345"/);
    const other = defineAgent({ name: 'other', model });
    await expect(run(other, { resume: paused.state, approvals: {} })).rejects.toThrow(
      /belongs to agent "bank"/,
    );
  });

  it('does not mutate the state it resumed from, so the same state can be resumed again', async () => {
    const model = new FakeModel({
      steps: [
        { toolCalls: [{ name: 'transfer', arguments: { amount: 900 } }] },
        { text: 'a' },
        { text: 'b' },
      ],
    });
    const { agent, transfers } = bankAgent(model);
    const paused = pending(await run(agent, 'pay'));
    const snapshot = JSON.stringify(paused.state);
    const id = paused.pendingApprovals[0]!.toolCallId;
    await run(agent, { resume: paused.state, approvals: { [id]: { approved: false } } });
    expect(JSON.stringify(paused.state)).toBe(snapshot);
    await run(agent, { resume: paused.state, approvals: { [id]: { approved: true } } });
    expect(transfers).toEqual([900]);
  });
});
