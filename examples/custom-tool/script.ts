import type { MockChatRequest, MockReply } from '../../src/testing/index.js';

/** Offline replies: call split_bill, then answer from its result (read back from the tool message). */
export function customToolScript(request: MockChatRequest): MockReply {
  const toolMessage = (request.body.messages ?? []).findLast((message) => message.role === 'tool');
  if (!toolMessage) {
    return { toolCalls: [{ name: 'split_bill', arguments: { bill: 84, percent: 20, people: 3 } }] };
  }
  const result = JSON.parse(String(toolMessage.content)) as { total: number; each: number };
  return {
    text: `With a 20% tip the total is ${result.total.toFixed(2)}, so each of you pays ${result.each.toFixed(2)}.`,
  };
}
