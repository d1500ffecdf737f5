/**
 * MCP over stdio (issue 16): how long connectMcp() takes to start a server and list its tools, and what a
 * tool call through dragoman's record costs over the same call on the raw SDK client.
 * Server: tests/mcp/fixtures/fixture-server.mjs (the official SDK's low-level Server, one Node process).
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { connectMcp } from '../../src/mcp/index.js';
import type { JsonSchemaParameters } from '../../src/tools/json-schema-parameters.js';
import type { ToolContext } from '../../src/tools/types.js';
import { median } from './_routing-turns.js';

const FIXTURE = fileURLToPath(new URL('../../tests/mcp/fixtures/fixture-server.mjs', import.meta.url));
const server = { command: process.execPath, args: [FIXTURE], stderr: 'ignore' as const };
const CONNECTS = 10;
const CALLS = 300;
const context = (): ToolContext => ({
  signal: new AbortController().signal,
  sessionId: undefined,
  context: undefined,
  toolCallId: 'abcdefghi',
  toolName: 'fixture_echo',
  agentName: 'bench',
  reportProgress: () => {},
});

async function time(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

// Connect: spawn, handshake and tools/list, then close; the raw SDK does the same (listTools included).
const dragomanConnect: number[] = [];
const sdkConnect: number[] = [];
for (let index = 0; index < CONNECTS; index++) {
  let close: () => Promise<void> = async () => {};
  sdkConnect.push(
    await time(async () => {
      const client = new Client({ name: 'bench', version: '1' });
      await client.connect(new StdioClientTransport(server));
      await client.listTools();
      close = () => client.close();
    }),
  );
  await close();
  dragomanConnect.push(
    await time(async () => {
      const connection = await connectMcp(server);
      close = () => connection.close();
    }),
  );
  await close();
}

// Calls: the same echo call, alternating, after a warm-up.
const connection = await connectMcp(server);
const client = new Client({ name: 'bench', version: '1' });
await client.connect(new StdioClientTransport(server));
const echo = connection.tools.fixture_echo!;
// What the agent loop does per call: validate the arguments against the server's schema, then execute.
const parameters = echo.parameters as JsonSchemaParameters;
const viaDragoman = async () => {
  const checked = parameters['~standard'].validate({ text: 'hello' });
  if ('issues' in checked) throw new Error('invalid');
  return echo.execute(checked.value, context());
};
const viaSdk = () => client.callTool({ name: 'echo', arguments: { text: 'hello' } });
for (let index = 0; index < 50; index++) await Promise.all([viaDragoman(), viaSdk()]);
const dragomanCall: number[] = [];
const sdkCall: number[] = [];
for (let index = 0; index < CALLS; index++) {
  dragomanCall.push(await time(viaDragoman));
  sdkCall.push(await time(viaSdk));
}
await connection.close();
await client.close();

const ms = (value: number) => value.toFixed(1);
const us = (value: number) => (value * 1000).toFixed(0);
console.log(`### MCP over stdio (fixture server, ${CONNECTS} connects, ${CALLS} calls)\n`);
console.log('| | dragoman connectMcp | raw SDK client | difference |');
console.log('|---|---|---|---|');
console.log(
  `| connect + tools/list, median ms | ${ms(median(dragomanConnect))} | ${ms(median(sdkConnect))} | ${ms(median(dragomanConnect) - median(sdkConnect))} |`,
);
console.log(
  `| echo call round trip, median µs | ${us(median(dragomanCall))} | ${us(median(sdkCall))} | ${us(median(dragomanCall) - median(sdkCall))} |`,
);
console.log('');
