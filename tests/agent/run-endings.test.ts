/**
 * Every way a run ends goes through one finish phase: the last event is exactly one `run-end` (complete,
 * stopped, pending-approval) or `run-error` (failed, aborted), in run() and stream() alike, and a resumed
 * run re-enters at the approval pause of the step it paused in, not at a model call.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import type { RunResult } from '../../src/agent/types.js';
import { InMemoryStore } from '../../src/memory/in-memory-store.js';
import { FakeModel, type FakeStep } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';

const args = z.object({ n: z.number() });
const call = (name: string) => ({ toolCalls: [{ name, arguments: { n: 1 } }] });

function agentWith(steps: FakeStep[], memory = new InMemoryStore()) {
  const model = new FakeModel({ steps });
  const agent = defineAgent({
    name: 'endings',
    model,
    memory,
    maxSteps: 2,
    tools: {
      add: tool({ description: 'Add.', parameters: args, execute: ({ n }) => n + 1 }),
      done: tool({ description: 'End.', parameters: args, endsRun: true, execute: () => 'all done' }),
      pay: tool({ description: 'Pay.', parameters: args, needsApproval: true, execute: () => 'paid' }),
      slow: tool({
        description: 'Wait until aborted.',
        parameters: args,
        execute: (_input, context) =>
          new Promise((_resolve, reject) =>
            context.signal.addEventListener('abort', () => reject(new Error('stopped'))),
          ),
      }),
    },
  });
  return { agent, model, memory };
}

type Mode = 'run' | 'stream';
type Options = Parameters<typeof run>[2];

/** Runs in either mode and returns every event and the outcome. */
async function drive(
  mode: Mode,
  agent: ReturnType<typeof agentWith>['agent'],
  input: Parameters<typeof run>[1],
  options: Options = {},
  watch: (event: AgentEvent) => void = () => {},
) {
  const events: AgentEvent[] = [];
  const onEvent = (event: AgentEvent) => {
    events.push(event);
    watch(event);
  };
  try {
    if (mode === 'run') return { events, result: await run(agent, input, { ...options, onEvent }) };
    const running = stream(agent, input, { ...options, onEvent });
    for await (const _event of running) {
      // the events went to onEvent
    }
    return { events, result: await running.result() };
  } catch (error) {
    return { events, error };
  }
}

function expectOneEnding(events: AgentEvent[], type: 'run-end' | 'run-error') {
  const endings = events.filter((event) => event.type === 'run-end' || event.type === 'run-error');
  expect(endings).toHaveLength(1);
  expect(events.at(-1)?.type).toBe(type);
}

describe.each<Mode>(['run', 'stream'])('run endings through %s()', (mode) => {
  it('complete: a final answer, committed to the session', async () => {
    const { agent, memory } = agentWith([call('add'), { text: 'two' }]);
    const { events, result } = await drive(mode, agent, 'hi', { session: 's' });
    expect(result).toMatchObject({ status: 'complete', stopReason: 'final-answer', output: 'two' });
    expectOneEnding(events, 'run-end');
    expect(events.at(-1)).toMatchObject({ status: 'complete', steps: 2 });
    expect(await memory.load('s')).toHaveLength(4);
  });

  it('stopped: by a tool with endsRun and by stopWhen, committed', async () => {
    const byTool = agentWith([call('done')]);
    const ended = await drive(mode, byTool.agent, 'hi', { session: 's' });
    expect(ended.result).toMatchObject({ status: 'stopped', stopReason: 'tool', text: 'all done' });
    expectOneEnding(ended.events, 'run-end');
    expect(await byTool.memory.load('s')).toHaveLength(3);
    const byCondition = agentWith([{ ...call('add'), text: 'working' }]);
    const stopped = await drive(mode, byCondition.agent, 'hi', { stopWhen: () => true });
    expect(stopped.result).toMatchObject({ status: 'stopped', stopReason: 'stop-when', text: 'working' });
    expectOneEnding(stopped.events, 'run-end');
  });

  it('paused, then resumed at the approval pause: the tool runs before any model call', async () => {
    const { agent, model, memory } = agentWith([call('pay'), { text: 'paid it' }]);
    const paused = await drive(mode, agent, 'pay', { session: 's' });
    expectOneEnding(paused.events, 'run-end');
    const result = paused.result as Extract<RunResult, { status: 'pending-approval' }>;
    expect(result.status).toBe('pending-approval');
    expect(await memory.load('s')).toEqual([]);
    const approvals = { [result.pendingApprovals[0]!.toolCallId]: { approved: true } };
    const resumed = await drive(mode, agent, { resume: result.state, approvals });
    expect(resumed.result).toMatchObject({ status: 'complete', text: 'paid it' });
    const types = resumed.events.map((event) => event.type);
    expect(types.slice(0, 3)).toEqual(['run-start', 'tool-call-start', 'tool-call-end']);
    expect(types).not.toContain('tool-approval-request');
    expect(resumed.events[0]).toMatchObject({ resumed: true });
    expectOneEnding(resumed.events, 'run-end');
    expect(model.requests).toHaveLength(2);
    expect(await memory.load('s')).toHaveLength(4);
  });

  it('failed: run-error with the error, nothing committed', async () => {
    const { agent, memory } = agentWith([call('add'), call('add')]);
    const { events, error } = await drive(mode, agent, 'loop', { session: 's' });
    expect(error).toMatchObject({ name: 'MaxStepsError' });
    expectOneEnding(events, 'run-error');
    expect(events.at(-1)).toMatchObject({ error });
    expect(await memory.load('s')).toEqual([]);
  });

  it('aborted: run-error with an AbortError whatever the stopped tool threw', async () => {
    const { agent } = agentWith([call('slow')]);
    const controller = new AbortController();
    const abortOnTool = (event: AgentEvent) => {
      if (event.type === 'tool-call-start') controller.abort();
    };
    const { events, error } = await drive(mode, agent, 'wait', { signal: controller.signal }, abortOnTool);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted' });
    expectOneEnding(events, 'run-error');
    expect(events.at(-1)).toMatchObject({ error });
  });
});
