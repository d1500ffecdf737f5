/**
 * Issue 20, items 9, 18 and 19 (the image limit): hostile tool-call indexes, a `tool_calls` that is not an
 * array, the hint after a mid-stream cut, and a 20 MB image data URL.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, UserInputError } from '../../src/errors.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { openaiCompatible } from '../../src/models/openai-compatible/index.js';
import type { StreamDelta } from '../../src/models/types.js';
import { listenOnLoopback } from '../../src/testing/listen-on-loopback.js';

let server: Server | undefined;
let requests = 0;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  requests = 0;
});

/** Answers every request with `body`; with `cut`, destroys the socket after writing it. */
async function serve(body: string, contentType: string, cut = false): Promise<string> {
  server = createServer((request, response) => {
    requests++;
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': contentType });
      if (cut) response.write(body, () => response.socket?.destroy());
      else response.end(body);
    });
  });
  return `${await listenOnLoopback(server)}/v1`;
}

const frame = (toolCalls: unknown) =>
  `data: ${JSON.stringify({
    id: 'c1',
    model: 'm',
    choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: null }],
  })}\n\n`;
const finish = `data: ${JSON.stringify({ id: 'c1', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`;

async function drain(stream: AsyncIterable<StreamDelta>): Promise<unknown> {
  try {
    for await (const _ of stream) {
      // drain
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

const call = (index: number) => [
  { index, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } },
];

describe('OpenAI-compatible stream: tool-call indexes are validated (item 9)', () => {
  it('index 4294967294 is kept as one call, at once (no sparse array is filled)', async () => {
    const baseURL = await serve(frame(call(4_294_967_294)) + finish, 'text/event-stream');
    const model = openaiCompatible({ baseURL, model: 'm', family: 'vllm' });
    const started = performance.now();
    const deltas: StreamDelta[] = [];
    for await (const delta of model.stream({ messages: [{ role: 'user', content: 'x' }] }))
      deltas.push(delta);
    expect(performance.now() - started).toBeLessThan(2_000);
    const last = deltas.at(-1);
    expect(last?.type === 'finish' ? last.response.message.toolCalls : undefined).toEqual([
      { id: 'call_1', name: 'f', arguments: '{}' },
    ]);
  });

  for (const index of [-1, 1.5]) {
    it(`index ${index} is a typed, non-retryable malformed-response error, not a dropped call`, async () => {
      const baseURL = await serve(frame(call(index)) + finish, 'text/event-stream');
      const model = openaiCompatible({ baseURL, model: 'm', family: 'vllm' });
      const error = await drain(model.stream({ messages: [{ role: 'user', content: 'x' }] }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ code: 'malformed-response', retryable: false });
    });
  }
});

describe('OpenAI-compatible answers (item 18)', () => {
  it('a 200 whose tool_calls is not an array is malformed-response, not retried', async () => {
    const body = JSON.stringify({
      id: 'c1',
      model: 'm',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: '', tool_calls: { id: 'x' } },
          finish_reason: 'tool_calls',
        },
      ],
    });
    const baseURL = await serve(body, 'application/json');
    const model = openaiCompatible({ baseURL, model: 'm', family: 'vllm' });
    const error = await model
      .generate({ messages: [{ role: 'user', content: 'x' }] })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'malformed-response', retryable: false });
    expect(requests).toBe(1);
  });

  it('after a mid-stream cut, neither the hint nor retryable claims an automatic retry', async () => {
    const text = `data: ${JSON.stringify({ id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] })}\n\n`;
    const baseURL = await serve(text, 'text/event-stream', true);
    const model = openaiCompatible({ baseURL, model: 'm', family: 'vllm' });
    const error = (await drain(
      model.stream({ messages: [{ role: 'user', content: 'x' }] }),
    )) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.retryable).toBe(false);
    expect(error.message).not.toMatch(/retried automatically/);
    expect(requests).toBe(1);
  });
});

describe('images over 10 MB (item 19)', () => {
  it('a 20 MB data URL is refused before sending, naming the part', async () => {
    let sent = 0;
    const provider = createMistral({
      apiKey: 'test-key',
      serverURL: 'http://127.0.0.1:9',
      fetch: async () => {
        sent++;
        return new Response('{}', { status: 500 });
      },
    });
    const url = `data:image/png;base64,${'A'.repeat(Math.ceil((20 * 1024 * 1024 * 4) / 3))}`;
    const error = await provider('mistral-small-2603')
      .generate({ messages: [{ role: 'user', content: [{ type: 'image', url }] }] })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(UserInputError);
    expect(error).toMatchObject({ code: 'invalid-input', path: 'messages[0].content[0]' });
    expect((error as Error).message).toMatch(/10 MB/);
    expect(sent).toBe(0);
  });
});
