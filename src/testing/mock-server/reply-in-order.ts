import type { MockChatRequest, MockRawReply, MockReply, MockReplyFunction } from './types.js';

/** One scripted answer: a reply, a raw reply, or a function of the request returning either. */
export type MockReplyStep =
  | MockReply
  | MockRawReply
  | ((request: MockChatRequest) => MockReply | MockRawReply);

/**
 * Makes a reply function that answers completion requests with the given steps, one per request, in order.
 * When the steps run out the server answers 500 with a message saying so, so a test that makes one call too
 * many fails with a clear reason.
 * @example
 * const server = await createMockMistralServer({
 *   reply: replyInOrder({ toolCalls: [{ name: 'add', arguments: { a: 1, b: 2 } }] }, { text: '3' }),
 * });
 */
export function replyInOrder(...steps: MockReplyStep[]): MockReplyFunction {
  let next = 0;
  return (request) => {
    const step = steps[next];
    if (step === undefined) {
      throw new Error(
        `no scripted reply left for completion request #${next + 1} (${steps.length} scripted)`,
      );
    }
    next++;
    return typeof step === 'function' ? step(request) : step;
  };
}
