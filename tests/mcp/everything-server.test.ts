/**
 * The reference "everything" MCP server from npm (@modelcontextprotocol/server-everything), over stdio:
 * an image result and a structured result reach the model as text it can read.
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { connectMcp } from '../../src/mcp/index.js';
import { resources, toolMessages } from './support.js';

const open = resources();
afterEach(() => open.closeAll());

const everything = createRequire(import.meta.url).resolve(
  '@modelcontextprotocol/server-everything/dist/index.js',
);

describe('the reference everything server', () => {
  it('maps an image result and structured content to tool messages', async () => {
    const connection = open.track(
      await connectMcp({
        command: process.execPath,
        args: [everything, 'stdio'],
        stderr: 'ignore',
        name: 'every',
      }),
    );
    expect(connection.serverInfo.name).not.toBe('');
    const names = Object.keys(connection.tools);
    expect(names).toEqual(expect.arrayContaining(['every_echo', 'every_get-tiny-image']));
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    const { server, model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? {
            toolCalls: [
              { name: 'every_get-tiny-image', arguments: {} },
              { name: 'every_get-structured-content', arguments: { location: 'New York' } },
            ],
          }
        : { text: 'seen' },
    );
    const result = await run(defineAgent({ name: 'every', model, tools: connection.tools }), 'Show me.');
    expect(result.text).toBe('seen');
    const [image, structured] = result.steps[0]!.toolCalls;
    expect(image!.isError).toBe(false);
    expect(image!.result).toMatch(/\[image image\/png, \d+ bytes, not shown\]/);
    expect(structured!.isError).toBe(false);
    expect(structured!.result).toContain('temperature');
    const sent = (server.requests.at(-1)!.body as { messages: Array<{ role: string }> }).messages;
    expect(sent.filter((message) => message.role === 'tool')).toHaveLength(2);
  });
});
