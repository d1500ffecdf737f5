/**
 * The Mistral adapter hands its fetch the call's own abort signal, next to the SDK's Request (whose signal can
 * stop following ours after a garbage collection), and the tag that carries it never reaches the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError } from '../../../src/errors.js';
import { createMistral } from '../../../src/models/mistral/index.js';
import { createNodeFetch } from '../../../src/models/node-fetch.js';
import { createMockMistralServer, type MockMistralServer } from '../../../src/testing/mock-server/index.js';

const KEY = 'sk-test-call-signals';
let mock: MockMistralServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('the call signal reaches the fetch', () => {
  it('passes { signal } with every request, and no tag header reaches the fetch or the server', async () => {
    mock = await createMockMistralServer({ apiKey: KEY });
    const seen: Array<{ tag: string | null; signal: AbortSignal | undefined }> = [];
    const transport = createNodeFetch();
    const provider = createMistral({
      apiKey: KEY,
      serverURL: mock.url,
      fetch: (request, init) => {
        seen.push({ tag: request.headers.get('x-dragoman-call'), signal: init?.signal });
        return transport(request, init);
      },
    });
    mock.reply(() => ({ text: 'one' }));
    await provider('mistral-small-latest').generate({ messages: [{ role: 'user', content: 'Hi' }] });
    mock.reply(() => ({ text: 'two' }));
    for await (const _delta of provider('mistral-small-latest').stream({
      messages: [{ role: 'user', content: 'Hi' }],
    })) {
      // drain
    }
    await provider.listModels();
    expect(seen).toHaveLength(3);
    for (const call of seen) {
      expect(call.tag).toBeNull();
      expect(call.signal).toBeInstanceOf(AbortSignal);
    }
    expect(mock.requests.map((request) => request.headers['x-dragoman-call'])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('aborting the caller aborts the signal the fetch was given, which ends the call', async () => {
    mock = await createMockMistralServer({ apiKey: KEY });
    mock.injectFault({ type: 'slow-first-byte', delayMs: 5_000 });
    let given: AbortSignal | undefined;
    const transport = createNodeFetch();
    const provider = createMistral({
      apiKey: KEY,
      serverURL: mock.url,
      retry: { maxRetries: 0 },
      fetch: (request, init) => {
        given = init?.signal;
        return transport(request, init);
      },
    });
    const controller = new AbortController();
    const answer = provider('mistral-small-latest').generate(
      { messages: [{ role: 'user', content: 'Hi' }] },
      { signal: controller.signal },
    );
    while (given === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(given.aborted).toBe(false);
    controller.abort();
    await expect(answer).rejects.toBeInstanceOf(AbortError);
    expect(given.aborted).toBe(true);
  });
});
