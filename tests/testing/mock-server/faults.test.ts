import { MistralCore } from '@mistralai/mistralai/core.js';
import { chatComplete } from '@mistralai/mistralai/funcs/chatComplete.js';
import { chatStream } from '@mistralai/mistralai/funcs/chatStream.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockMistralServer, type MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { chatBody, postJson, readErrorFixture, sseDataLines } from './helpers.js';

let server: MockMistralServer;
let client: MistralCore;
beforeEach(async () => {
  server = await createMockMistralServer({ reply: () => ({ text: 'one two three four five six' }) });
  client = new MistralCore({ apiKey: 'test', serverURL: server.url });
});
afterEach(() => server.close());

const chat = (stream = false) => postJson(server, '/v1/chat/completions', chatBody({ stream }));

/** Reads a body until it ends or the connection breaks; returns what arrived and whether it broke. */
async function readUntilCut(response: Response): Promise<{ text: string; broken: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, broken: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, broken: true };
  }
}

describe('status faults', () => {
  it('429 with Retry-After answers the recorded body and the header', async () => {
    server.injectFault({ type: 'status', status: 429, retryAfter: 2 });
    const response = await chat();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.text()).toBe(readErrorFixture('429.rate-limited.1300.2026-02.json'));
  });

  it('429 without Retry-After has no such header; an HTTP date is passed through', async () => {
    server.injectFault({ type: 'status', status: 429 });
    server.injectFault({ type: 'status', status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' });
    expect((await chat()).headers.get('retry-after')).toBeNull();
    expect((await chat()).headers.get('retry-after')).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
  });

  for (const status of [500, 502, 503]) {
    it(`${status} answers a Mistral-shaped error body`, async () => {
      server.injectFault({ type: 'status', status });
      const response = await chat();
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ object: 'error', type: 'server_error', param: null });
    });
  }

  it('401 and 404 answer the recorded and the invalid_model bodies; a custom body wins', async () => {
    server.injectFault({ type: 'status', status: 401 });
    server.injectFault({ type: 'status', status: 404 });
    server.injectFault({ type: 'status', status: 418, body: { teapot: true } });
    expect(await (await chat()).text()).toBe(readErrorFixture('401.unauthorized.detail.2025-06.json'));
    expect(await (await chat()).json()).toMatchObject({ type: 'invalid_model', code: '1500' });
    expect(await (await chat()).json()).toEqual({ teapot: true });
  });

  it('consumes faults one per request, in order, then answers normally', async () => {
    await server.close();
    server = await createMockMistralServer({
      faults: [
        { type: 'status', status: 503 },
        { type: 'status', status: 429, retryAfter: 0 },
      ],
    });
    expect((await chat()).status).toBe(503);
    expect((await chat()).status).toBe(429);
    expect((await chat()).status).toBe(200);
    expect(server.requests).toHaveLength(3);
  });

  it('the SDK reports a 503 as an SDKError with the status', async () => {
    server.injectFault({ type: 'status', status: 503 });
    const result = await chatComplete(client, {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(result.ok ? undefined : result.error).toMatchObject({ statusCode: 503 });
  });
});

describe('timing and connection faults', () => {
  it('slow-first-byte delays the answer, then answers normally', async () => {
    server.injectFault({ type: 'slow-first-byte', delayMs: 150 });
    const started = performance.now();
    const response = await chat();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it('cut-mid-stream delivers exactly afterChunks frames, then resets the connection', async () => {
    server.injectFault({ type: 'cut-mid-stream', afterChunks: 3 });
    const { text, broken } = await readUntilCut(await chat(true));
    expect(broken).toBe(true);
    expect(sseDataLines(text)).toHaveLength(3);
  });

  it('cut-mid-stream on a JSON answer breaks the body halfway', async () => {
    server.injectFault({ type: 'cut-mid-stream', afterChunks: 0 });
    const response = await chat();
    expect(response.status).toBe(200);
    const { text, broken } = await readUntilCut(response);
    expect(broken).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('the SDK stream fails when the connection is cut', async () => {
    server.injectFault({ type: 'cut-mid-stream', afterChunks: 2 });
    const result = await chatStream(client, {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'x' }],
    });
    if (!result.ok) throw result.error;
    const received: unknown[] = [];
    await expect(async () => {
      for await (const event of result.value) received.push(event);
    }).rejects.toThrow();
    expect(received).toHaveLength(2);
  });
});

describe('body faults', () => {
  it('malformed-json: a 200 JSON body that does not parse; the SDK throws a bare SyntaxError', async () => {
    server.injectFault({ type: 'malformed-json' });
    const response = await chat();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    await expect(response.json()).rejects.toThrow(SyntaxError);
    server.injectFault({ type: 'malformed-json' });
    // The SDK does not wrap this one: it throws a bare SyntaxError (mistral-facts.md), which adapters must map.
    const call = chatComplete(client, {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'x' }],
    });
    await expect(call).rejects.toThrow(SyntaxError);
  });

  it('malformed-json in a stream: one frame carries broken JSON, the framing stays intact', async () => {
    server.injectFault({ type: 'malformed-json' });
    const lines = sseDataLines(await (await chat(true)).text());
    expect(lines.at(-1)).toBe('[DONE]');
    const broken = lines.slice(0, -1).filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toHaveLength(1);
  });

  it('truncated-json: the JSON body stops halfway; a truncated stream ends without finish_reason or [DONE]', async () => {
    server.injectFault({ type: 'truncated-json' });
    server.injectFault({ type: 'truncated-json' });
    const full = await (await postJson(server, '/v1/chat/completions', chatBody())).text();
    expect(() => JSON.parse(full)).toThrow(SyntaxError);
    const lines = sseDataLines(await (await chat(true)).text());
    expect(lines).not.toContain('[DONE]');
    expect(lines.every((line) => JSON.parse(line).choices[0].finish_reason === null)).toBe(true);
  });

  it('malformed-sse: frames lose their data field and separators after the first one', async () => {
    server.injectFault({ type: 'malformed-sse' });
    const text = await (await chat(true)).text();
    expect(text.startsWith('data: {')).toBe(true);
    expect(text).not.toContain('[DONE]\n\n');
    expect(() => sseDataLines(text)).toThrow();
  });

  it('empty-body answers 200 with nothing, for JSON and for streams', async () => {
    server.injectFault({ type: 'empty-body' });
    server.injectFault({ type: 'empty-body' });
    const json = await chat();
    expect([json.status, await json.text()]).toEqual([200, '']);
    const stream = await chat(true);
    expect([stream.status, stream.headers.get('content-type'), await stream.text()]).toEqual([
      200,
      'text/event-stream; charset=utf-8',
      '',
    ]);
  });

  it('wrong-content-type answers a 200 HTML page', async () => {
    server.injectFault({ type: 'wrong-content-type' });
    const response = await chat(true);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<html>');
  });

  it('no-usage drops usage from the JSON answer and from the last stream chunk', async () => {
    server.injectFault({ type: 'no-usage' });
    server.injectFault({ type: 'no-usage' });
    const body = await (await chat()).json();
    expect(body).not.toHaveProperty('usage');
    expect(body.choices[0].finish_reason).toBe('stop');
    const lines = sseDataLines(await (await chat(true)).text());
    const last = JSON.parse(lines.at(-2)!);
    expect(last.choices[0].finish_reason).toBe('stop');
    expect(last).not.toHaveProperty('usage');
  });
});

describe('faults on GET /v1/models', () => {
  it('applies body faults to the model list too', async () => {
    server.injectFault({ type: 'truncated-json' });
    server.injectFault({ type: 'status', status: 502 });
    const truncated = await fetch(`${server.url}/v1/models`);
    expect(truncated.status).toBe(200);
    await expect(truncated.json()).rejects.toThrow(SyntaxError);
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(502);
    expect((await (await fetch(`${server.url}/v1/models`)).json()).object).toBe('list');
  });
});
