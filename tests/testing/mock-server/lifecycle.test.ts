import { describe, expect, it } from 'vitest';
import { createMockMistralServer } from '../../../src/testing/mock-server/index.js';
import { chatBody, postJson } from './helpers.js';

/** Counts the handle kinds that a leak would show: sockets, servers and timers. */
function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (/TCP|Timeout|Pipe/.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Handle kinds with more live handles than at the baseline. */
function excessOver(baseline: Record<string, number>): Record<string, number> {
  const excess: Record<string, number> = {};
  for (const [kind, count] of Object.entries(handleCounts())) {
    if (count > (baseline[kind] ?? 0)) excess[kind] = count - (baseline[kind] ?? 0);
  }
  return excess;
}

/** Waits until no handle kind exceeds the baseline (client sockets close a tick after the server's). */
async function expectBackTo(baseline: Record<string, number>): Promise<void> {
  for (let attempt = 0; attempt < 50 && Object.keys(excessOver(baseline)).length > 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(excessOver(baseline)).toEqual({});
}

describe('mock server lifecycle', () => {
  it('closes idle keep-alive connections at once and leaves no handle behind', async () => {
    const baseline = handleCounts();
    const server = await createMockMistralServer();
    for (let index = 0; index < 3; index++) {
      const response = await postJson(server, '/v1/chat/completions', chatBody({ stream: index % 2 === 0 }));
      expect(response.headers.get('connection')).toBe('keep-alive');
      await response.text();
    }
    const started = performance.now();
    await server.close();
    // Without closing the idle sockets, close() would wait for the 5 s keep-alive timeout.
    expect(performance.now() - started).toBeLessThan(1_000);
    await expectBackTo(baseline);
  });

  it('closes while a slow first byte is pending: the timer is cleared and the client sees the cut', async () => {
    const baseline = handleCounts();
    const server = await createMockMistralServer({ faults: [{ type: 'slow-first-byte', delayMs: 60_000 }] });
    const pending = postJson(server, '/v1/chat/completions', chatBody());
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    await expect(pending).rejects.toThrow();
    await expectBackTo(baseline);
  });

  it('closes in the middle of a slow stream', async () => {
    const baseline = handleCounts();
    const server = await createMockMistralServer({
      reply: () => ({ text: 'a b c d e f', chunkDelayMs: 60_000 }),
    });
    const response = await postJson(server, '/v1/chat/completions', chatBody({ stream: true }));
    const reader = response.body!.getReader();
    await reader.read();
    await server.close();
    await expect(reader.read()).rejects.toThrow();
    await expectBackTo(baseline);
  });

  it('stops waiting when the client goes away, and keeps serving others', async () => {
    const before = handleCounts();
    const server = await createMockMistralServer({ reply: () => ({ text: 'late', delayMs: 60_000 }) });
    const aborted = fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chatBody()),
      signal: AbortSignal.timeout(100),
    });
    await expect(aborted).rejects.toThrow();
    // The 60 s reply delay is cancelled with the request: no timer stays behind. (undici may open a spare
    // connection after an abort; that one is the client's, and close() below ends it.)
    for (let attempt = 0; attempt < 50 && (excessOver(before).Timeout ?? 0) > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(excessOver(before).Timeout).toBeUndefined();
    server.reply(() => ({ text: 'now' }));
    const after = await postJson(server, '/v1/chat/completions', chatBody());
    expect((await after.json()).choices[0].message.content).toBe('now');
    await server.close();
    await expectBackTo(before);
  });
});
