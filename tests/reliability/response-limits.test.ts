/**
 * The transport's limits once a response has started (issue 20, items 10-12): a compression bomb stops at
 * `maxResponseBytes` with a typed, non-retryable error; a stream that stalls or never ends stops at the idle
 * or total timeout; a non-JSON body that trickles forever stops too; SSE parsing is linear in the size of an
 * event, and an event over the cap is `response-too-large`, not a retryable "did not start" timeout.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError } from '../../src/errors.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { openaiCompatible } from '../../src/models/openai-compatible/index.js';
import type { ResponseLimits } from '../../src/models/transport/index.js';
import type { Model } from '../../src/models/types.js';
import { settle, within } from './support/bounded-time.js';
import { FAKE_API_KEY } from './support/fake-key.js';
import { type ScriptedServer, sseTextEvent, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer;
// 64 MiB of '0' in about 64 KB of gzip: twice the default cap of 32 MiB (the reviewer's bomb was 2 GB).
let bomb: Buffer;
beforeAll(async () => {
  server = await startScriptedServer();
  bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 48));
});
afterAll(() => server.close());

const retry = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 };
const models: Record<string, (limits?: ResponseLimits) => Model> = {
  mistral: (limits) =>
    createMistral({ apiKey: FAKE_API_KEY, serverURL: server.url, retry, ...(limits ? { limits } : {}) })(
      'mistral-small-latest',
    ),
  'openai-compatible': (limits) =>
    openaiCompatible({
      baseURL: `${server.url}/v1`,
      model: 'mistral-small-latest',
      retry,
      ...(limits ? { limits } : {}),
    }),
};
const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

async function streamText(model: Model): Promise<string> {
  let text = '';
  for await (const delta of model.stream(ask)) if (delta.type === 'text-delta') text += delta.text;
  return text;
}

describe.each(Object.keys(models))('%s adapter', (kind) => {
  const model = (limits?: ResponseLimits) => (models[kind] as (limits?: ResponseLimits) => Model)(limits);

  it('stops a compression bomb at maxResponseBytes: typed, not retryable, sent once', async () => {
    for (const [type, call] of [
      ['application/json', () => model().generate(ask)],
      ['text/event-stream', () => streamText(model())],
    ] as const) {
      server.answer((response) => {
        response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
        response.end(bomb);
      });
      const before = server.count;
      const error = await within(settle(call()), 20_000, 'the bomb');
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ code: 'response-too-large', retryable: false });
      expect(server.count - before).toBe(1);
    }
  });

  it('ends a stream that stalls after its first delta at idleTimeoutMs', async () => {
    server.answer((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(sseTextEvent('Hello'));
    });
    const started = Date.now();
    const error = await within(
      settle(streamText(model({ idleTimeoutMs: 300 }))),
      10_000,
      'the stalled stream',
    );
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'timeout', retryable: false });
    expect((error as Error).message).toContain('sent nothing for 300 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('ends a stream that never finishes at totalTimeoutMs, although it keeps sending', async () => {
    server.answer((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => response.write(sseTextEvent('x')), 20);
      response.on('close', () => clearInterval(timer));
    });
    const error = await within(
      settle(streamText(model({ totalTimeoutMs: 600 }))),
      10_000,
      'the endless stream',
    );
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'timeout' });
    expect((error as Error).message).toContain('within 600 ms');
  });

  it('bounds the read of a body that trickles forever in generate()', async () => {
    server.answer((response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<html>');
    });
    const error = await within(settle(model({ idleTimeoutMs: 300 }).generate(ask)), 10_000, 'the trickle');
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'timeout' });
  });

  it('parses SSE in time linear in the event size, and refuses an event over the cap without retrying', async () => {
    const bigEvent = (bytes: number) => (response: import('node:http').ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const event = sseTextEvent('a'.repeat(bytes), 'stop');
      for (let at = 0; at < event.length; at += 16_384) response.write(event.slice(at, at + 16_384));
      response.end('data: [DONE]\n\n');
    };
    const timed = async (bytes: number) => {
      server.answer(bigEvent(bytes));
      const started = performance.now();
      const text = await streamText(model());
      expect(text.length).toBe(bytes);
      return performance.now() - started;
    };
    await timed(1024 * 1024);
    const small = await timed(2 * 1024 * 1024);
    const large = await timed(8 * 1024 * 1024);
    // Linear: 4x the bytes takes about 4x the time; quadratic parsing takes about 16x.
    expect(large).toBeLessThan(8 * small + 300);
    server.answer(bigEvent(40 * 1024 * 1024));
    const before = server.count;
    const error = await within(settle(streamText(model())), 30_000, 'the huge event');
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'response-too-large', retryable: false });
    expect(server.count - before).toBe(1);
  });
});
