import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMistral } from '../../src/models/mistral/index.js';
import {
  createMockMistralServer,
  type MockChatRequest,
  type MockMistralServer,
  type MockReply,
} from '../../src/testing/mock-server/index.js';
import type { ToolContext } from '../../src/tools/types.js';

/** The fixture MCP server script (run with `node`). */
export const FIXTURE = fileURLToPath(new URL('./fixtures/fixture-server.mjs', import.meta.url));
/** Its 100-character tool name with dots. */
export const LONG_NAME = `com.example.weather.${'forecast_'.repeat(8)}`.padEnd(100, 'z');

/** A fresh log file the fixture appends its events to, and a reader for it. */
export function fixtureLog(): { file: string; events: () => Array<Record<string, unknown>> } {
  const file = join(mkdtempSync(join(tmpdir(), 'dragoman-mcp-')), 'events.jsonl');
  const events = () =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
      : [];
  return { file, events };
}

/** Starts the fixture over HTTP (Streamable HTTP, or the old SSE transport) on 127.0.0.1 and a free port. */
export async function startHttpFixture(
  mode: '--http' | '--sse',
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [FIXTURE, mode, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}${mode === '--http' ? '/mcp' : '/sse'}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };
  return { url, child, stop };
}

/** A Mistral model on a fresh local mock server whose replies come from `reply`. */
export async function mockModel(
  reply: (request: MockChatRequest) => MockReply,
): Promise<{ server: MockMistralServer; model: ReturnType<ReturnType<typeof createMistral>> }> {
  const server = await createMockMistralServer({ reply, apiKey: 'test-key' });
  const model = createMistral({ apiKey: 'test-key', serverURL: server.url })('mistral-small-latest');
  return { server, model };
}

/** The tool messages of a request the mock received. */
export const toolMessages = (request: MockChatRequest) =>
  (request.body.messages ?? []).filter((message) => message.role === 'tool');

/** Tracks connections and the mock so each test closes what it opened. */
export function resources() {
  const connections: Array<{ close(): Promise<void> }> = [];
  const mocks: MockMistralServer[] = [];
  return {
    track<T extends { close(): Promise<void> }>(connection: T): T {
      connections.push(connection);
      return connection;
    },
    async model(reply: (request: MockChatRequest) => MockReply) {
      const started = await mockModel(reply);
      mocks.push(started.server);
      return started;
    },
    async closeAll() {
      await Promise.all([...connections.splice(0), ...mocks.splice(0)].map((item) => item.close()));
    },
  };
}

/** The context of a tool called directly by a test, outside any run. */
export const directCallContext = (signal = new AbortController().signal): ToolContext => ({
  signal,
  sessionId: undefined,
  context: undefined,
  toolCallId: 'abcdefghi',
  toolName: 'direct',
  agentName: 'test',
  reportProgress: () => {},
});
