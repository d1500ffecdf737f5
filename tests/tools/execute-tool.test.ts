import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AbortError } from '../../src/errors.js';
import { executeTool } from '../../src/tools/execute-tool.js';
import type { ParsedToolCall } from '../../src/tools/parse-arguments.js';
import { tool } from '../../src/tools/tool.js';
import type { Tool } from '../../src/tools/types.js';

function parsed(target: Tool, args: unknown = {}): ParsedToolCall {
  return {
    ok: true,
    call: { id: 'call00001', name: 'target', arguments: JSON.stringify(args) },
    tool: target,
    args,
  };
}

const options = (signal = new AbortController().signal) => ({
  signal,
  timeoutMs: undefined,
  outputLimit: 50,
  sessionId: 's1',
  context: { user: 'u' },
  agentName: 'agent',
});

describe('executeTool', () => {
  it('stringifies objects as JSON and keeps strings as they are', async () => {
    const object = tool({ description: 'o', parameters: z.object({}), execute: () => ({ a: [1, 2] }) });
    const text = tool({ description: 't', parameters: z.object({}), execute: async () => 'plain' });
    expect(await executeTool(parsed(object), options())).toEqual({
      content: '{"a":[1,2]}',
      isError: false,
      output: { a: [1, 2] },
    });
    expect((await executeTool(parsed(text), options())).content).toBe('plain');
  });

  it('truncates long output with a visible marker', async () => {
    const long = tool({ description: 'l', parameters: z.object({}), execute: () => 'x'.repeat(120) });
    const outcome = await executeTool(parsed(long), options());
    expect(outcome.content).toBe(`${'x'.repeat(50)}\n[truncated: 70 of 120 characters not shown]`);
  });

  it('turns a throwing tool into an error result', async () => {
    const broken = tool({
      description: 'b',
      parameters: z.object({}),
      execute: () => {
        throw new TypeError('no such file');
      },
    });
    expect(await executeTool(parsed(broken), options())).toEqual({
      content: 'Tool "target" failed: no such file',
      isError: true,
    });
  });

  it('stops a slow tool at its timeout and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const slow = tool({
      description: 's',
      parameters: z.object({}),
      timeoutMs: 20,
      execute: (_args, context) => {
        signal = context.signal;
        return new Promise(() => {});
      },
    });
    const outcome = await executeTool(parsed(slow), { ...options(), timeoutMs: 10_000, outputLimit: 1_000 });
    expect(outcome).toEqual({
      content: 'Tool "target" timed out after 20 ms and was stopped.',
      isError: true,
    });
    expect(signal?.aborted).toBe(true);
  });

  it('hands an aborted signal to a timed-out tool that reads it only afterwards', async () => {
    let readLate: Promise<boolean> | undefined;
    const late = tool({
      description: 'l',
      parameters: z.object({}),
      timeoutMs: 10,
      execute: (_args, context) => {
        readLate = new Promise((resolve) => setTimeout(() => resolve(context.signal.aborted), 30));
        return new Promise(() => {});
      },
    });
    expect((await executeTool(parsed(late), { ...options(), outputLimit: 1_000 })).isError).toBe(true);
    expect(await readLate).toBe(true);
  });

  it('passes the run signal, session, context and call identity to execute', async () => {
    let seen: unknown;
    const probe = tool({
      description: 'p',
      parameters: z.object({}),
      execute: (_args, context) => {
        seen = { ...context, signal: context.signal instanceof AbortSignal };
        return null;
      },
    });
    await executeTool(parsed(probe), options());
    expect(seen).toEqual({
      signal: true,
      sessionId: 's1',
      context: { user: 'u' },
      toolCallId: 'call00001',
      toolName: 'target',
      agentName: 'agent',
      reportProgress: expect.any(Function),
    });
  });

  it('rejects with AbortError as soon as the run aborts, and aborts the tool signal', async () => {
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const hang = tool({
      description: 'h',
      parameters: z.object({}),
      execute: (_args, context) => {
        signal = context.signal;
        return new Promise(() => {});
      },
    });
    const pending = executeTool(parsed(hang), options(controller.signal));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(signal?.aborted).toBe(true);
  });
});
