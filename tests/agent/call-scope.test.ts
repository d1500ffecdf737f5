/**
 * Call scopes: a listener carrying one (withCallScope) runs the run's model and tool calls inside it; here
 * with a plain AsyncLocalStorage, the way an observer keeps its own context across the call's awaits.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type CallScope,
  defineAgent,
  run,
  type ScopedCall,
  stream,
  withCallScope,
} from '../../src/agent/index.js';
import type { Model, ModelResponse, StreamDelta } from '../../src/models/types.js';
import { tool } from '../../src/tools/index.js';

const storage = new AsyncLocalStorage<string>();
const usage = { promptTokens: 3, completionTokens: 2, totalTokens: 5 };

/** A model that records the store it sees after an await: first a tool call, then an answer. */
function recordingModel(seen: Array<string | undefined>): Model {
  let calls = 0;
  const answer = (): ModelResponse => {
    calls++;
    const message =
      calls === 1
        ? {
            role: 'assistant' as const,
            content: '',
            toolCalls: [{ id: 'call1', name: 'echo', arguments: '{"text":"hi"}' }],
          }
        : { role: 'assistant' as const, content: 'done' };
    return { message, finishReason: calls === 1 ? 'tool-calls' : 'stop', usage, meta: { model: 'recorder' } };
  };
  return {
    id: 'recorder',
    provider: 'test',
    async generate() {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(storage.getStore());
      return answer();
    },
    async *stream(): AsyncGenerator<StreamDelta> {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(storage.getStore());
      yield { type: 'finish', response: answer() };
    },
  };
}

function agentFor(seen: Array<string | undefined>) {
  const echo = tool({
    description: 'Echo.',
    parameters: z.object({ text: z.string() }),
    execute: async ({ text }) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(storage.getStore());
      return text;
    },
  });
  return defineAgent({
    name: 'scoped',
    instructions: 'Be brief.',
    model: recordingModel(seen),
    tools: { echo },
  });
}

const nameOf = (call: ScopedCall) =>
  call.type === 'model-call'
    ? `model ${call.step}`
    : call.type === 'tool-call'
      ? `tool ${call.toolCallId} ${call.toolName}`
      : `work ${call.work}`;
const storeScope =
  (prefix: string, calls: ScopedCall[]): CallScope =>
  (call) => {
    calls.push(call);
    return (work) => storage.run(`${prefix}${storage.getStore() ?? ''}:${nameOf(call)}`, work);
  };

describe('call scopes', () => {
  it('run(): the onEvent scope wraps each model call and tool call, and sees what is sent', async () => {
    const seen: Array<string | undefined> = [];
    const calls: ScopedCall[] = [];
    await run(agentFor(seen), 'hello', { onEvent: withCallScope(() => {}, storeScope('', calls)) });
    expect(seen).toEqual([':model 1', ':tool call1 echo', ':model 2']);
    const first = calls[0];
    expect(first?.type === 'model-call' && first.request.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
    ]);
    const second = calls[2];
    expect(second?.type === 'model-call' && second.request.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
    ]);
  });

  it('stream(): scopes on agent.events and on onEvent compose, the agent one outermost', async () => {
    const seen: Array<string | undefined> = [];
    const agent = agentFor(seen);
    const listener = withCallScope(() => {}, storeScope('agent', []));
    agent.events.on('run-start', listener);
    for await (const _event of stream(agent, 'hello', {
      onEvent: withCallScope(() => {}, storeScope('run', [])),
    })) {
      // draining
    }
    agent.events.off('run-start', listener);
    expect(seen).toEqual([
      'runagent:model 1:model 1',
      'runagent:tool call1 echo:tool call1 echo',
      'runagent:model 2:model 2',
    ]);
  });

  it('a scope that returns undefined leaves the call alone; no scope, no wrapping', async () => {
    const seen: Array<string | undefined> = [];
    await run(agentFor(seen), 'hello', {
      onEvent: withCallScope(
        () => {},
        () => undefined,
      ),
    });
    await run(agentFor(seen), 'hello', { onEvent: () => {} });
    expect(seen).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
