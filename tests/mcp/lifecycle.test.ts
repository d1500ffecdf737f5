/**
 * What happens around the calls: a server killed mid-call, an aborted run, a call past its timeout,
 * `tools/list_changed`, and close() stopping the whole process group.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { AbortError } from '../../src/errors.js';
import { connectMcp, McpConnectionError } from '../../src/mcp/index.js';
import type { ToolSet } from '../../src/tools/types.js';
import { directCallContext as context, FIXTURE, fixtureLog, resources, toolMessages } from './support.js';

const open = resources();
afterEach(() => open.closeAll());

const fixture = (
  options: { args?: string[]; timeoutMs?: number; onToolsChanged?: (tools: ToolSet) => void } = {},
) =>
  connectMcp({
    command: process.execPath,
    stderr: 'ignore',
    ...options,
    args: [FIXTURE, ...(options.args ?? [])],
  }).then(open.track);
// Running (a killed process whose parent is gone may linger as a zombie, state Z, until reaped).
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const until = async (check: () => boolean) => {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 5_000) throw new Error('condition not met in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('MCP connection lifecycle', () => {
  it('turns a server killed mid-call into a readable result and a typed error, not a hang', async () => {
    const connection = await fixture();
    const { model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? { toolCalls: [{ name: 'fixture_crash', arguments: {} }] }
        : { text: 'gave up' },
    );
    const result = await run(defineAgent({ name: 'crash', model, tools: connection.tools }), 'Crash it.');
    expect(result.text).toBe('gave up');
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({
      isError: true,
      result: expect.stringContaining(
        'MCP server "fixture" was killed by SIGKILL during the call of "crash".',
      ),
    });
    const later = connection.tools.fixture_echo!.execute({ text: 'hi' }, context());
    await expect(later).rejects.toBeInstanceOf(McpConnectionError);
    await expect(later).rejects.toMatchObject({
      failure: 'closed',
      server: 'fixture',
      exit: { signal: 'SIGKILL' },
    });
  });

  it('sends an MCP cancellation when the run is aborted mid-call', async () => {
    const log = fixtureLog();
    const connection = await fixture({ args: ['--log', log.file] });
    const { model } = await open.model(() => ({
      toolCalls: [{ name: 'fixture_slow', arguments: { ms: 30_000 } }],
    }));
    const controller = new AbortController();
    const running = run(defineAgent({ name: 'slow', model, tools: connection.tools }), 'Wait.', {
      signal: controller.signal,
    });
    await until(() => log.events().some((event) => event.event === 'call'));
    controller.abort(new Error('user pressed stop'));
    await expect(running).rejects.toBeInstanceOf(AbortError);
    await until(() => log.events().some((event) => event.event === 'cancelled'));
    expect(log.events().find((event) => event.event === 'cancelled')).toMatchObject({ name: 'slow' });
  });

  it('cancels a call that runs past timeoutMs and tells the model', async () => {
    const log = fixtureLog();
    const connection = await fixture({ args: ['--log', log.file], timeoutMs: 300 });
    const { model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? { toolCalls: [{ name: 'fixture_slow', arguments: { ms: 30_000 } }] }
        : { text: 'ok' },
    );
    const result = await run(defineAgent({ name: 'slow', model, tools: connection.tools }), 'Wait.');
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({
      isError: true,
      result: 'Tool "fixture_slow" timed out after 300 ms and was stopped.',
    });
    await until(() => log.events().some((event) => event.event === 'cancelled'));
  });

  it('refreshes the tool record on tools/list_changed', async () => {
    const changes: ToolSet[] = [];
    const connection = await fixture({ onToolsChanged: (tools) => changes.push(tools) });
    const before = connection.tools;
    expect(before.fixture_late_tool).toBeUndefined();
    await connection.tools.fixture_add_tool!.execute({}, context());
    await until(() => changes.length > 0);
    expect(connection.tools).toBe(changes[0]);
    expect(Object.keys(connection.tools)).toEqual([...Object.keys(before), 'fixture_late_tool']);
    expect(await connection.tools.fixture_late_tool!.execute({}, context())).toBe('late tool ran');
  });

  it('close() stops the server and its process group; calls after it fail fast', async () => {
    const pidFile = `${fixtureLog().file}.pid`;
    const connection = await connectMcp({
      command: 'sh',
      args: ['-c', 'sleep 30 & echo $! > "$PID_FILE"; exec "$NODE" "$FIXTURE"'],
      env: { PID_FILE: pidFile, NODE: process.execPath, FIXTURE },
      stderr: 'ignore',
    });
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(sleeper)).toBe(true);
    const echo = connection.tools.fixture_echo!;
    expect(await echo.execute({ text: 'x' }, context())).toBe('fixture: x');
    await connection.close();
    await connection.close();
    expect(alive(sleeper)).toBe(false);
    await expect(echo.execute({ text: 'x' }, context())).rejects.toMatchObject({
      name: 'McpConnectionError',
      failure: 'closed',
    });
  });
});
