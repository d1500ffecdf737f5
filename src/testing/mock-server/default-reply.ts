import type { MockChatRequest, MockReply } from './types.js';

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((chunk) =>
      typeof chunk === 'object' && chunk !== null ? (chunk as { text?: unknown }).text : undefined,
    )
    .filter((text): text is string => typeof text === 'string')
    .join(' ');
}

/**
 * The reply used when none is scripted: says it comes from the mock server and echoes the last user text
 * (or, for FIM, the end of the prompt), so a wiring mistake is obvious in a test's output.
 */
export function defaultMockReply(request: MockChatRequest): MockReply {
  if (request.kind === 'fim') {
    return {
      text: ` /* dragoman mock server: FIM completion after "${(request.body.prompt ?? '').slice(-40)}" */`,
    };
  }
  const lastUser = [...(request.body.messages ?? [])].reverse().find((message) => message.role === 'user');
  const said = lastUser === undefined ? '(no user message)' : textOf(lastUser.content);
  return { text: `This is the dragoman mock Mistral server. You said: ${said}` };
}
