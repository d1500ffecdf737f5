/**
 * connectMcp over HTTP against the fixture as a separate process on 127.0.0.1: Streamable HTTP with an
 * auth header, and the fallback to the older HTTP+SSE transport.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { connectMcp, McpConnectionError } from '../../src/mcp/index.js';
import { fixtureLog, LONG_NAME, resources, startHttpFixture, toolMessages } from './support.js';

const open = resources();
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await open.closeAll();
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function httpFixture(mode: '--http' | '--sse', args: string[] = []) {
  const started = await startHttpFixture(mode, args);
  stops.push(started.stop);
  return started;
}

describe('connectMcp over HTTP', () => {
  it('calls the 100-character dotted tool over Streamable HTTP, sending the headers', async () => {
    const log = fixtureLog();
    const { url } = await httpFixture('--http', ['--log', log.file]);
    const connection = open.track(
      await connectMcp({ url, headers: { Authorization: 'Bearer secret-token' }, name: 'remote' }),
    );
    expect(connection.transport).toBe('streamable-http');
    const safe = connection.toolInfo.find((info) => info.name === LONG_NAME)!.safeName;
    expect(safe).toMatch(/^remote_com_example_weather_[a-zA-Z0-9_-]+$/);
    expect(safe.length).toBeLessThanOrEqual(64);
    const { model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? { toolCalls: [{ name: safe, arguments: { city: 'Cairo' } }] }
        : { text: String(toolMessages(request)[0]!.content) },
    );
    const result = await run(defineAgent({ name: 'remote', model, tools: connection.tools }), 'Cairo?');
    expect(result.text).toBe(`Sunny in Cairo; called as ${LONG_NAME}`);
    expect(log.events()).toContainEqual(
      expect.objectContaining({ event: 'auth', value: 'Bearer secret-token' }),
    );
  });

  it('brings an image result over Streamable HTTP to the model as an image, through the Mistral mock', async () => {
    const { url } = await httpFixture('--http');
    const connection = open.track(await connectMcp({ url, name: 'remote' }));
    const { server, model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? { toolCalls: [{ name: 'remote_tiny_image', arguments: {} }] }
        : { text: 'one pixel' },
    );
    const result = await run(defineAgent({ name: 'eyes', model, tools: connection.tools }), 'Show me.');
    expect(result.text).toBe('one pixel');
    const { messages } = server.requests.at(-1)!.body as {
      messages: Array<{ role: string; content: unknown }>;
    };
    expect(messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(messages[2]!.content).toBe(
      'A pixel:\n\n[image image/png, 70 bytes]\n\n[an image: in the next user message]',
    );
    expect((messages[4]!.content as unknown[])[1]).toEqual({
      type: 'image_url',
      image_url: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/),
    });
  });

  it('falls back to HTTP+SSE for a server of the older protocol', async () => {
    const { url } = await httpFixture('--sse', ['--name', 'legacy']);
    const connection = open.track(await connectMcp({ url }));
    expect(connection.transport).toBe('sse');
    expect(connection.name).toBe('legacy');
    expect(await connection.tools.legacy_echo!.execute({ text: 'hi' }, {} as never)).toBe('legacy: hi');
  });

  it('fails to connect with a typed error that names the server without its credentials', async () => {
    const { url } = await httpFixture('--http');
    const wrong = `${url.replace('/mcp', '/nothing')}?token=secret-query`;
    const failed = connectMcp({ url: wrong, headers: { Authorization: 'Bearer secret-token' } });
    await expect(failed).rejects.toBeInstanceOf(McpConnectionError);
    const error = (await failed.catch((caught: unknown) => caught)) as McpConnectionError;
    expect(error.failure).toBe('connect');
    expect(error.message).toContain(`Could not connect to MCP server at ${new URL(wrong).origin}/nothing`);
    expect(error.message).not.toContain('secret');
  });
});
