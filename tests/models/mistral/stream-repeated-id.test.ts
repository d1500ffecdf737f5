/**
 * Issue 14: a streamed tool call whose fragments repeat the id (and the name) on every fragment is one call,
 * not three. Sent as SSE by the mock over real HTTP and read through the SDK's stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { collect, startMock, userTurn } from './helpers.js';

let server: MockMistralServer;
let provider: Awaited<ReturnType<typeof startMock>>['provider'];
beforeAll(async () => {
  ({ server, provider } = await startMock({}, { retry: { maxRetries: 0 } }));
});
afterAll(() => server.close());

const frame = (delta: Record<string, unknown>, finish: string | null = null, usage?: object) =>
  `data: ${JSON.stringify({
    id: 'cmpl-r',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'mistral-small-2603',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  })}\n\n`;
const fragment = (id: string, index: number, name: string, args: string) => ({
  tool_calls: [{ id, index, type: 'function', function: { name, arguments: args } }],
});

describe('a streamed tool call that repeats its id on every fragment', () => {
  it('is assembled into one call per id, arguments joined in order', async () => {
    const body =
      frame({ role: 'assistant', content: '' }) +
      frame(fragment('KikbB849t', 0, 'search', '{"q":')) +
      frame(fragment('KikbB849t', 0, 'search', '"paris"')) +
      frame(fragment('KikbB849t', 0, 'search', '}')) +
      frame(fragment('Zx9Yw8Vu7', 1, 'read', '{"path":')) +
      frame(fragment('Zx9Yw8Vu7', 1, 'read', '"a.md"}')) +
      frame({ content: '' }, 'tool_calls', { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 }) +
      'data: [DONE]\n\n';
    server.reply(() => ({ status: 200, body, headers: { 'content-type': 'text/event-stream' } }));
    const { deltas, response } = await collect(provider('mistral-small-2603').stream({ messages: userTurn }));
    expect(response.message.toolCalls).toEqual([
      { id: 'KikbB849t', name: 'search', arguments: '{"q":"paris"}' },
      { id: 'Zx9Yw8Vu7', name: 'read', arguments: '{"path":"a.md"}' },
    ]);
    const starts = deltas.filter((delta) => delta.type === 'tool-call-delta' && delta.id !== undefined);
    expect(starts).toHaveLength(2);
    expect(response.finishReason).toBe('tool-calls');
  });
});
