/**
 * Approvals an attacker tries to get around: two calls sharing one id (a declined call must not run when
 * its twin is approved), a resume state edited to inject a call or change arguments after they were shown,
 * a decision bound to other arguments, and an id that names an object property (`__proto__`).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run } from '../../src/agent/index.js';
import type { ApprovalDecision, RunResult, RunState } from '../../src/agent/types.js';
import { UserInputError } from '../../src/errors.js';
import type { AssistantMessage } from '../../src/models/types.js';
import { FakeModel, type FakeStep } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/index.js';

function bank(steps: FakeStep[]) {
  const ran: string[] = [];
  const transfer = tool({
    description: 'Move money.',
    parameters: z.object({ to: z.string(), amount: z.number() }),
    needsApproval: true,
    execute: ({ to, amount }) => {
      ran.push(`${to}:${amount}`);
      return 'moved';
    },
  });
  const agent = defineAgent({ name: 'bank', model: new FakeModel({ steps }), tools: { transfer } });
  return { agent, ran };
}

function paused(result: RunResult): Extract<RunResult, { status: 'pending-approval' }> {
  if (result.status !== 'pending-approval') throw new Error(`expected a paused run, got ${result.status}`);
  return result;
}

function lastAssistant(state: RunState): AssistantMessage {
  const message = state.newMessages.at(-1);
  if (message?.role !== 'assistant') throw new Error('no assistant message');
  return message;
}

describe('approvals that cannot be bypassed', () => {
  it('two calls with the same id get their own ids and decisions: the declined one never runs', async () => {
    const { agent, ran } = bank([
      {
        toolCalls: [
          { id: 'dupdupdup', name: 'transfer', arguments: { to: 'alice', amount: 5 } },
          { id: 'dupdupdup', name: 'transfer', arguments: { to: 'mallory', amount: 9000 } },
        ],
      },
      { text: 'done' },
    ]);
    const first = paused(await run(agent, 'pay'));
    const ids = first.pendingApprovals.map((pending) => pending.toolCallId);
    expect(new Set(ids).size).toBe(2);
    const approvals: Record<string, ApprovalDecision> = {};
    for (const pending of first.pendingApprovals) {
      approvals[pending.toolCallId] = { approved: (pending.args as { to: string }).to === 'alice' };
    }
    const done = await run(agent, { resume: first.state, approvals });
    expect(done.status).toBe('complete');
    expect(ran).toEqual(['alice:5']);
  });

  it('a call injected into the state is refused before anything runs', async () => {
    const { agent, ran } = bank([
      { toolCalls: [{ name: 'transfer', arguments: { to: 'alice', amount: 5 } }] },
      { text: 'done' },
    ]);
    const first = paused(await run(agent, 'pay'));
    const state = structuredClone(first.state);
    lastAssistant(state).toolCalls!.push({
      id: 'injected1',
      name: 'transfer',
      arguments: JSON.stringify({ to: 'mallory', amount: 9000 }),
    });
    const approvals = { [first.pendingApprovals[0]!.toolCallId]: { approved: true as const } };
    const error = await run(agent, { resume: state, approvals }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserInputError);
    expect(String((error as Error).message)).toMatch(/injected1.*never put up/u);
    expect(ran).toEqual([]);
  });

  it('arguments changed in the state after they were shown are refused', async () => {
    const { agent, ran } = bank([
      { toolCalls: [{ name: 'transfer', arguments: { to: 'alice', amount: 5 } }] },
      { text: 'done' },
    ]);
    const first = paused(await run(agent, 'pay'));
    const state = structuredClone(first.state);
    lastAssistant(state).toolCalls![0]!.arguments = JSON.stringify({ to: 'mallory', amount: 9000 });
    const approvals = { [first.pendingApprovals[0]!.toolCallId]: { approved: true as const } };
    await expect(run(agent, { resume: state, approvals })).rejects.toThrow(/other than the ones shown/u);
    expect(ran).toEqual([]);
  });

  it('a state edited consistently is refused when the decision carries the digest that was shown', async () => {
    const { agent, ran } = bank([
      { toolCalls: [{ name: 'transfer', arguments: { to: 'alice', amount: 5 } }] },
      { text: 'done' },
    ]);
    const first = paused(await run(agent, 'pay'));
    const shown = first.pendingApprovals[0]!;
    const state = structuredClone(first.state);
    const forged = { to: 'mallory', amount: 9000 };
    lastAssistant(state).toolCalls![0]!.arguments = JSON.stringify(forged);
    (state.pendingApprovals[0] as { args: unknown }).args = forged;
    const approvals = { [shown.toolCallId]: { approved: true as const, digest: shown.digest } };
    await expect(run(agent, { resume: state, approvals })).rejects.toThrow(/another digest/u);
    expect(ran).toEqual([]);
    // The untouched state with the same decision runs the approved call.
    const done = await run(agent, { resume: first.state, approvals });
    expect(done.status).toBe('complete');
    expect(ran).toEqual(['alice:5']);
  });

  it('a tool-call id "__proto__" can be approved with a plain-object map', async () => {
    const { agent, ran } = bank([
      { toolCalls: [{ id: '__proto__', name: 'transfer', arguments: { to: 'alice', amount: 5 } }] },
      { text: 'done' },
    ]);
    const first = paused(await run(agent, 'pay'));
    const id = first.pendingApprovals[0]!.toolCallId;
    expect(id).toMatch(/^[A-Za-z0-9]{9}$/u);
    const done = await run(agent, { resume: first.state, approvals: { [id]: { approved: true } } });
    expect(done.status).toBe('complete');
    expect(ran).toEqual(['alice:5']);
  });
});
