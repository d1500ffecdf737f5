/**
 * A server that dies never leaves a run waiting: an HTTP server (Streamable HTTP and HTTP+SSE) killed during
 * a tool call, and a stdio or HTTP server that died between calls, as real processes. The model reads a
 * typed error result at once, the run finishes, and the stored conversation answers every call.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { connectMcp, McpConnectionError } from '../../src/mcp/index.js';
import { InMemoryStore } from '../../src/memory/in-memory-store.js';
import {
  directCallContext as context,
  FIXTURE,
  fixtureLog,
  resources,
  startHttpFixture,
  toolMessages,
} from './support.js';

const open = resources();
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await open.closeAll();
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

const until = async (check: () => boolean) => {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 5_000) throw new Error('condition not met in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** An agent on the mock that calls `tool` once, then answers with what it read. */
async function callOnce(tools: Parameters<typeof defineAgent>[0]['tools'], tool: string, args = {}) {
  const { model } = await open.model((request) =>
    toolMessages(request).length === 0
      ? { toolCalls: [{ name: tool, arguments: args }] }
      : { text: `read: ${String(toolMessages(request)[0]!.content)}` },
  );
  const memory = new InMemoryStore();
  const started = performance.now();
  const result = await run(defineAgent({ name: 'caller', model, memory, tools }), 'Go.', { session: 's' });
  return { result, seconds: (performance.now() - started) / 1000, stored: await memory.load('s') };
}

describe.each(['--http', '--sse'] as const)('an HTTP server (%s) killed during a call', (mode) => {
  it('ends the call at once with a typed error the model reads; later calls fail fast', async () => {
    const log = fixtureLog();
    const server = await startHttpFixture(mode, ['--log', log.file]);
    stops.push(server.stop);
    const connection = open.track(await connectMcp({ url: server.url, name: 'remote', timeoutMs: 30_000 }));
    const running = callOnce(connection.tools, 'remote_slow', { ms: 30_000 });
    await until(() => log.events().some((event) => event.event === 'call'));
    await server.stop(); // SIGKILL, mid-call
    const { result, seconds, stored } = await running;
    expect(seconds).toBeLessThan(10);
    const record = result.steps[0]!.toolCalls[0]!;
    expect(record.isError).toBe(true);
    expect(record.result).toMatch(
      /^Tool "remote_slow" failed: MCP server "remote" .+ during the call of "slow"/,
    );
    expect(result.text).toBe(`read: ${record.result}`);
    expect(stored.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(connection.error).toBeInstanceOf(McpConnectionError);
    expect(connection.error).toMatchObject({ failure: 'closed', server: 'remote' });
    const later = connection.tools.remote_echo!.execute({ text: 'hi' }, context());
    await expect(later).rejects.toBe(connection.error);
  });
});

describe('a server that died between calls', () => {
  it('stdio: the run gets a typed error result at once, naming how the process ended', async () => {
    const log = fixtureLog();
    const connection = open.track(
      await connectMcp({ command: process.execPath, args: [FIXTURE, '--log', log.file], stderr: 'ignore' }),
    );
    expect((await callOnce(connection.tools, 'fixture_echo', { text: 'one' })).result.text).toBe(
      'read: fixture: one',
    );
    const pid = log.events().find((event) => event.event === 'call')!.pid as number;
    process.kill(pid, 'SIGKILL');
    await until(() => !alive(pid));
    await until(() => connection.error !== undefined);
    expect(connection.error).toMatchObject({ failure: 'closed', exit: { signal: 'SIGKILL' } });
    const { result, seconds, stored } = await callOnce(connection.tools, 'fixture_echo', { text: 'two' });
    expect(seconds).toBeLessThan(10);
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({
      isError: true,
      result:
        'Tool "fixture_echo" failed: MCP server "fixture" was killed by SIGKILL. Its tools fail until you connect again with connectMcp().',
    });
    expect(stored.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
  });

  it('HTTP: the run gets a typed error result at once instead of a raw fetch failure', async () => {
    const server = await startHttpFixture('--http');
    stops.push(server.stop);
    const connection = open.track(await connectMcp({ url: server.url, name: 'remote' }));
    await server.stop();
    const { result, seconds } = await callOnce(connection.tools, 'remote_echo', { text: 'two' });
    expect(seconds).toBeLessThan(10);
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({
      isError: true,
      result: expect.stringMatching(
        /^Tool "remote_echo" failed: MCP server "remote" stopped answering \(fetch failed: ECONN(REFUSED|RESET)\)/,
      ),
    });
    const later = connection.tools.remote_echo!.execute({ text: 'hi' }, context());
    await expect(later).rejects.toMatchObject({ name: 'McpConnectionError', failure: 'closed' });
  });
});

// Running (a killed process whose parent is gone may linger as a zombie, state Z, until reaped).
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
