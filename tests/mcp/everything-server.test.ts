/**
 * The reference "everything" MCP server from npm (@modelcontextprotocol/server-everything), over stdio:
 * an image result reaches the model as an image, a structured result as text it can read.
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
  it('sends an image result to the model as an image and structured content as text', async () => {
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
    expect(image!.result).toMatch(/\[image image\/png, \d+ bytes\]/);
    expect(image!.images).toEqual([
      { type: 'image', url: expect.stringMatching(/^data:image\/png;base64,iVBOR/) },
    ]);
    expect(structured!.isError).toBe(false);
    expect(structured!.result).toContain('temperature');
    // On the wire (the mock checked it against Mistral's rules): both results, then a bridging turn and a
    // user message holding the PNG under a line naming the tool.
    const { messages: sent } = server.requests.at(-1)!.body as {
      messages: Array<{ role: string; content: unknown }>;
    };
    expect(sent.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'tool',
      'assistant',
      'user',
    ]);
    expect(sent[2]!.content).toContain('[an image: in the next user message]');
    expect(sent[5]!.content).toEqual([
      {
        type: 'text',
        text: expect.stringMatching(/^The image returned by tool "every_get-tiny-image" \(call \w{9}\):$/),
      },
      { type: 'image_url', image_url: expect.stringMatching(/^data:image\/png;base64,/) },
    ]);
  });
});
