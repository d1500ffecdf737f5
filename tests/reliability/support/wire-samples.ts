/**
 * Well-formed wire answers to mutate: a Mistral-style SSE stream and completion body, and the OpenAI ones.
 * The fuzzers start from these so that many cases get deep into the parsers before something breaks.
 */

/** Fresh on every call: the fuzzers mutate what they get. */
const usage = () => ({ prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 });

/** SSE frames (`data: ...\n\n`) of a streamed answer with text, a tool call, usage and `[DONE]`. */
export function sampleStreamFrames(): string[] {
  const base = { id: 'cmpl-1', object: 'chat.completion.chunk', created: 1, model: 'mistral-small-latest' };
  const chunk = (delta: object, finish: string | null = null, extra: object = {}) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  return [
    chunk({ role: 'assistant', content: '' }),
    chunk({ content: 'Hello ' }),
    chunk({ content: 'there, ' }),
    chunk({ content: 'مرحبا 👋' }),
    chunk({
      tool_calls: [{ id: 'abcDEF123', index: 0, function: { name: 'lookup', arguments: '{"key":"a"}' } }],
    }),
    chunk({ content: '' }, 'tool_calls', { usage: usage() }),
    'data: [DONE]\n\n',
  ];
}

/** A complete non-streamed chat completion body. */
export function sampleCompletion(): Record<string, unknown> {
  return {
    id: 'cmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'mistral-small-latest',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: 'Hello there',
          tool_calls: [
            { id: 'abcDEF123', type: 'function', function: { name: 'lookup', arguments: '{"key":"a"}' } },
          ],
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: usage(),
  };
}
