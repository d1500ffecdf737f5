/** `context.reportProgress()` inside a tool becomes a typed `tool-progress` event while the tool runs. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, defineAgent, run, stream } from '../../src/agent/index.js';
import { FakeModel } from '../../src/testing/index.js';
import { type ToolContext, tool } from '../../src/tools/index.js';

function agentWith(execute: (args: { n: number }, context: ToolContext) => unknown, calls = 1) {
  const work = tool({ description: 'Works.', parameters: z.object({ n: z.number() }), execute });
  const toolCalls = Array.from({ length: calls }, (_, n) => ({ name: 'work', arguments: { n } }));
  const model = new FakeModel({ steps: [{ toolCalls }, { text: 'done' }] });
  return defineAgent({ name: 'worker', model, tools: { work } });
}

describe('tool progress', () => {
  it('is delivered while the tool still runs, between its start and end', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const agent = agentWith(async (_args, context) => {
      context.reportProgress({ message: 'halfway', fraction: 0.5 });
      // Only finishes once a listener saw the progress: proves the event is not held until the end.
      await released;
      return 'ok';
    });
    const events: AgentEvent[] = [];
    const result = await run(agent, 'go', {
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'tool-progress') release();
      },
    });
    expect(result.status).toBe('complete');
    const types = events.map((event) => event.type);
    expect(types.indexOf('tool-call-start')).toBeLessThan(types.indexOf('tool-progress'));
    expect(types.indexOf('tool-progress')).toBeLessThan(types.indexOf('tool-call-end'));
    const progress = events.find((event) => event.type === 'tool-progress');
    expect(progress).toMatchObject({ toolName: 'work', message: 'halfway', fraction: 0.5, step: 1 });
  });

  it('comes out of stream() too, for concurrent calls, each naming its call', async () => {
    const agent = agentWith(async ({ n }, context) => {
      await new Promise((resolve) => setTimeout(resolve, 5 * n));
      context.reportProgress({ message: `call ${n}` });
      return n;
    }, 3);
    const progress: Array<{ message: string; fraction: number | undefined; id: string }> = [];
    for await (const event of stream(agent, 'go')) {
      if (event.type === 'tool-progress')
        progress.push({ message: event.message, fraction: event.fraction, id: event.toolCallId });
    }
    expect(progress.map((entry) => entry.message).sort()).toEqual(['call 0', 'call 1', 'call 2']);
    expect(new Set(progress.map((entry) => entry.id)).size).toBe(3);
    expect(progress.every((entry) => entry.fraction === undefined)).toBe(true);
  });

  it('drops reports made after the call finished', async () => {
    let late: (() => void) | undefined;
    // Call 0 ends at once; its late report would still be flushed while call 1 runs, were it not dropped.
    const agent = agentWith(async ({ n }, context) => {
      if (n === 0) {
        late = () => context.reportProgress({ message: 'too late' });
        return 'ok';
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 'slow';
    }, 2);
    const types: string[] = [];
    await run(agent, 'go', {
      onEvent: (event) => {
        if (event.type === 'tool-call-end' && event.result === 'ok') late?.();
        types.push(event.type);
      },
    });
    expect(types).not.toContain('tool-progress');
  });

  it('rejects a fraction outside 0..1 with an error naming the tool and the value', async () => {
    const agent = agentWith((_args, context) => {
      context.reportProgress({ message: 'oops', fraction: 1.5 });
      return 'ok';
    });
    const result = await run(agent, 'go');
    const call = result.steps[0]?.toolCalls[0];
    expect(call?.isError).toBe(true);
    expect(call?.result).toMatch(
      /"work" reported progress with fraction 1\.5; it must be a number from 0 to 1/,
    );
  });
});
