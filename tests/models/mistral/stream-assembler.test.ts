import { describe, expect, it } from 'vitest';
import { createStreamAssembler } from '../../../src/models/mistral/stream-assembler.js';
import type { WireStreamChunk } from '../../../src/models/mistral/wire-types.js';
import type { StreamDelta } from '../../../src/models/types.js';

type Delta = NonNullable<NonNullable<WireStreamChunk['choices']>[number]['delta']>;
const chunk = (
  delta: Delta,
  finishReason: string | null = null,
  usage?: WireStreamChunk['usage'],
): WireStreamChunk => ({
  id: 'c1',
  model: 'mistral-small-latest',
  choices: [{ delta, finish_reason: finishReason as 'stop' | null }],
  ...(usage ? { usage } : {}),
});

function run(chunks: WireStreamChunk[], prefix?: string) {
  const assembler = createStreamAssembler({ prefix, random: () => 0.5 });
  const deltas: StreamDelta[] = chunks.flatMap((item) => assembler.push(item));
  const end = assembler.end();
  const finish = end[0];
  if (finish?.type !== 'finish') throw new Error('no finish');
  return { deltas, response: finish.response, finished: assembler.finished() };
}

describe('createStreamAssembler', () => {
  it('keeps whole calls apart when every index is 0, and ids the id-less ones', () => {
    const { deltas, response } = run([
      chunk({ role: 'assistant', content: '' } as Delta),
      chunk(
        {
          tool_calls: [
            { id: 'AAAAAAAA1', index: 0, function: { name: 'a', arguments: '{"x":1}' } },
            { id: 'null', index: 0, function: { name: 'b', arguments: { y: 2 } } },
          ],
        },
        'tool_calls',
      ),
    ]);
    expect(response.message.toolCalls).toEqual([
      { id: 'AAAAAAAA1', name: 'a', arguments: '{"x":1}' },
      { id: 'fffffffff', name: 'b', arguments: '{"y":2}' },
    ]);
    expect(deltas.map((delta) => (delta.type === 'tool-call-delta' ? delta.index : -1))).toEqual([0, 1]);
    expect(response.finishReason).toBe('tool-calls');
  });

  it('joins fragments keyed by index, with the id only on the first fragment', () => {
    const { response } = run([
      chunk({
        tool_calls: [{ id: 'chatcmpl-tool-1', index: 0, function: { name: 'search', arguments: '' } }],
      }),
      chunk({
        tool_calls: [{ id: 'chatcmpl-tool-2', index: 1, function: { name: 'read', arguments: '{"p"' } }],
      }),
      chunk({ tool_calls: [{ id: 'null', index: 0, function: { name: '', arguments: '{"q":"a"}' } }] }),
      chunk({ tool_calls: [{ id: 'null', index: 1, function: { name: '', arguments: ':1}' } }] }),
      chunk({ content: '' }, 'tool_calls', { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 }),
    ]);
    expect(response.message.toolCalls).toEqual([
      { id: 'chatcmpl-tool-1', name: 'search', arguments: '{"q":"a"}' },
      { id: 'chatcmpl-tool-2', name: 'read', arguments: '{"p":1}' },
    ]);
    expect(response.usage).toEqual({ promptTokens: 5, completionTokens: 2, totalTokens: 7 });
  });

  it('strips a prefix echoed across several chunks and keeps text that only looks like it', () => {
    const echoed = run(
      [chunk({ content: 'Bon' }), chunk({ content: 'jour, ' }), chunk({ content: 'ami' }, 'stop')],
      'Bonjour,',
    );
    expect(echoed.deltas).toEqual([
      { type: 'text-delta', text: ' ' },
      { type: 'text-delta', text: 'ami' },
    ]);
    const different = run([chunk({ content: 'Bonsoir' }, 'stop')], 'Bonjour');
    expect(different.response.message.content).toBe('Bonsoir');
  });

  it('reports whether the final chunk arrived', () => {
    expect(run([chunk({ content: 'partial' })]).finished).toBe(false);
    expect(run([chunk({ content: 'x' }, 'length')]).response.finishReason).toBe('length');
  });
});
