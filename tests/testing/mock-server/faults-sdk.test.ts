import { MistralCore } from '@mistralai/mistralai/core.js';
import { chatComplete } from '@mistralai/mistralai/funcs/chatComplete.js';
import { chatStream } from '@mistralai/mistralai/funcs/chatStream.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMockMistralServer,
  type MockFault,
  type MockMistralServer,
} from '../../../src/testing/mock-server/index.js';

// What the real SDK (2.7.0) does with each body fault, pinned so the adapter's error mapping has a map to
// follow and a changed SDK shows up here first.

let server: MockMistralServer;
let client: MistralCore;
beforeAll(async () => {
  server = await createMockMistralServer({ reply: () => ({ text: 'one two three four' }) });
  client = new MistralCore({ apiKey: 'test', serverURL: server.url });
});
afterAll(() => server.close());

const request = { model: 'mistral-small-latest', messages: [{ role: 'user' as const, content: 'x' }] };

/** The outcome of one non-streaming call: 'ok', the error class of a failed Result, or of a throw. */
async function completeOutcome(fault: MockFault): Promise<string> {
  server.injectFault(fault);
  try {
    const result = await chatComplete(client, request);
    return result.ok ? 'ok' : `result:${result.error.constructor.name}`;
  } catch (error) {
    return `throws:${(error as Error).constructor.name}`;
  }
}

/** The outcome of one streaming call: the number of events delivered, or the error class. */
async function streamOutcome(fault: MockFault): Promise<string> {
  server.injectFault(fault);
  try {
    const result = await chatStream(client, request);
    if (!result.ok) return `result:${result.error.constructor.name}`;
    let events = 0;
    for await (const _event of result.value) events++;
    return `events:${events}`;
  } catch (error) {
    return `throws:${(error as Error).constructor.name}`;
  }
}

describe('the real SDK against each body fault', () => {
  it('non-streaming: bare SyntaxErrors for broken JSON, SDKError for the content type, validation for usage', async () => {
    expect(await completeOutcome({ type: 'malformed-json' })).toBe('throws:SyntaxError');
    expect(await completeOutcome({ type: 'truncated-json' })).toBe('throws:SyntaxError');
    expect(await completeOutcome({ type: 'empty-body' })).toBe('throws:SyntaxError');
    expect(await completeOutcome({ type: 'wrong-content-type' })).toBe('result:SDKError');
    expect(await completeOutcome({ type: 'malformed-sse' })).toBe('result:SDKError');
    expect(await completeOutcome({ type: 'no-usage' })).toBe('result:ResponseValidationError');
    expect(await completeOutcome({ type: 'cut-mid-stream', afterChunks: 0 })).toMatch(/^(throws|result):/);
  });

  it('streaming: a bare ZodError for a broken chunk; truncated or broken streams just end early', async () => {
    expect(await streamOutcome({ type: 'malformed-json' })).toBe('throws:ZodError');
    // 4 words -> 6 chunks; truncation keeps half of them and drops [DONE]: the SDK reports no error.
    expect(await streamOutcome({ type: 'truncated-json' })).toBe('events:3');
    expect(await streamOutcome({ type: 'malformed-sse' })).toBe('events:1');
    expect(await streamOutcome({ type: 'empty-body' })).toBe('events:0');
    expect(await streamOutcome({ type: 'wrong-content-type' })).toBe('result:SDKError');
    expect(await streamOutcome({ type: 'no-usage' })).toBe('events:6');
    expect(await streamOutcome({ type: 'cut-mid-stream', afterChunks: 2 })).toMatch(/^throws:/);
  });
});
