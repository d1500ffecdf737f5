/**
 * serveMcp: the official MCP client calls a dragoman agent (on the local Mistral mock) served over stdio as a
 * separate process, and over Streamable HTTP on 127.0.0.1.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { serveMcp } from '../../src/mcp/index.js';
import { tool } from '../../src/tools/tool.js';
import { resources, toolMessages } from './support.js';

const open = resources();
afterEach(() => open.closeAll());

const lastUserText = (body: unknown) =>
  (body as { messages: Array<{ role: string; content: unknown }> }).messages.findLast(
    (message) => message.role === 'user',
  )?.content;

describe('serveMcp', () => {
  it('serves an agent over stdio to the official MCP client', async () => {
    const { server } = await open.model((request) => ({ text: `You said: ${lastUserText(request.body)}` }));
    const client = open.track(new Client({ name: 'test-client', version: '1.0.0' }));
    const script = fileURLToPath(new URL('./fixtures/serve-agent.ts', import.meta.url));
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['--import', 'tsx', script],
        env: { MOCK_URL: server.url, PATH: process.env.PATH ?? '' },
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        stderr: 'ignore',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((listed) => listed.name)).toEqual(['helper_agent']);
    expect(tools[0]!.inputSchema.required).toEqual(['message']);
    const answer = await client.callTool({ name: 'helper_agent', arguments: { message: 'hello there' } });
    expect(answer).toMatchObject({ content: [{ type: 'text', text: 'You said: hello there' }] });
    expect(answer.isError).toBeFalsy();
    const bad = await client.callTool({ name: 'helper_agent', arguments: {} });
    expect(bad).toMatchObject({ isError: true, content: [{ text: 'Send a non-empty "message" string.' }] });
  });

  it('serves over Streamable HTTP with its tools, progress and an authorize check', async () => {
    const add = tool({
      description: 'Add two numbers.',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    });
    const { model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? { toolCalls: [{ name: 'add', arguments: { a: 20, b: 22 } }] }
        : { text: `The sum is ${toolMessages(request)[0]!.content}.` },
    );
    const agent = defineAgent({ name: 'calc', model, tools: { add } });
    const served = open.track(
      await serveMcp(agent, {
        transport: 'http',
        toolName: 'calculate',
        authorize: (request) => request.headers.authorization === 'Bearer let-me-in',
      }),
    );
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const url = new URL(served.url!);
    const refused = new Client({ name: 'intruder', version: '1.0.0' });
    await expect(refused.connect(new StreamableHTTPClientTransport(url))).rejects.toThrow();
    const client = open.track(new Client({ name: 'test-client', version: '1.0.0' }));
    const headers = { Authorization: 'Bearer let-me-in' };
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    const progress: string[] = [];
    const answer = await client.callTool(
      { name: 'calculate', arguments: { message: '20 + 22?' } },
      undefined,
      {
        onprogress: (update) => progress.push(update.message ?? ''),
      },
    );
    expect(answer).toMatchObject({ content: [{ type: 'text', text: 'The sum is 42.' }] });
    expect(progress).toEqual(['Calling add']);
  });
});
