import {
  assistantEmptyError,
  lastRoleError,
  type MockErrorResponse,
  toolCallIdError,
  toolCallIdMissingError,
  unansweredToolCallError,
  unexpectedRoleError,
} from './error-bodies.js';
import {
  conversationStartError,
  duplicateToolCallIdError,
  prefixError,
  unexpectedToolCallIdError,
} from './rule-errors.js';
import type { MockWireMessage } from './types.js';

const toolCallIdPattern = /^[A-Za-z0-9]{9}$/;

/**
 * R4/R5: the roles that may follow each role (docs/mistral-wire-rules.md). A system message may follow a user
 * or system message; `user` after `tool` is rejected as the hosted API did in every recording.
 */
const allowedAfter: Record<string, readonly string[]> = {
  system: ['user', 'assistant', 'system'],
  user: ['assistant', 'system', 'user'],
  assistant: ['assistant', 'user', 'tool'],
  tool: ['assistant', 'tool'],
};

function isEmptyContent(content: unknown): boolean {
  return (
    content === undefined ||
    content === null ||
    content === '' ||
    (Array.isArray(content) && content.length === 0)
  );
}

/** R1-R3 and R10: the list's length, its first and last roles, and where `prefix` may stand. */
function checkShape(messages: readonly MockWireMessage[]): MockErrorResponse | undefined {
  if (messages.length === 0) return conversationStartError(true);
  const first = messages[0]!;
  if (messages.length === 1 && first.role !== 'user' && first.role !== 'system') {
    return conversationStartError(false);
  }
  const lastIndex = messages.length - 1;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    if (message.role !== 'assistant' || message.prefix !== true) continue;
    if (index !== lastIndex || isEmptyContent(message.content)) return prefixError();
  }
  const last = messages[lastIndex]!;
  const lastOk =
    last.role === 'user' ||
    last.role === 'tool' ||
    last.role === 'system' ||
    (last.role === 'assistant' && last.prefix === true);
  return lastOk ? undefined : lastRoleError(last.role);
}

/** R8, R11: one assistant message's calls; returns their ids or an error. */
function assistantCalls(message: MockWireMessage): string[] | MockErrorResponse {
  const calls = message.tool_calls ?? [];
  if (isEmptyContent(message.content) && calls.length === 0) return assistantEmptyError();
  const ids: string[] = [];
  for (const call of calls) {
    // The SDK sends the string "null" for a call without id; the API then names it in the error.
    const id = call.id ?? 'null';
    if (!toolCallIdPattern.test(id)) return toolCallIdError(id);
    if (ids.includes(id)) return duplicateToolCallIdError(id);
    ids.push(id);
  }
  return ids;
}

/**
 * R4, R5, R8, R11, R12, R14: role order and call/result pairing in one pass. The first message's calls are never
 * counted (mistral-common starts pairing at the second message), so results answering them are unexpected.
 */
function checkOrder(messages: readonly MockWireMessage[]): MockErrorResponse | undefined {
  let pending = new Set<string>();
  let previous: MockWireMessage | undefined;
  for (const [index, message] of messages.entries()) {
    const role = message.role;
    if (previous !== undefined && !allowedAfter[previous.role]?.includes(role)) {
      return unexpectedRoleError(role, previous.role);
    }
    if (role === 'tool') {
      if (previous === undefined) return unexpectedRoleError(role, 'none');
      const id = message.tool_call_id;
      if (id === undefined || id === null) return toolCallIdMissingError();
      if (!toolCallIdPattern.test(id)) return toolCallIdError(id);
      if (!pending.delete(id)) return unexpectedToolCallIdError(id);
    } else if (pending.size > 0) {
      return unansweredToolCallError();
    }
    if (role === 'assistant') {
      const ids = assistantCalls(message);
      if (!Array.isArray(ids)) return ids;
      pending = new Set(index === 0 ? [] : ids);
    }
    previous = message;
  }
  return pending.size > 0 ? unansweredToolCallError() : undefined;
}

/**
 * Checks a chat request's messages against the API's message rules (list shape, role order, tool-call pairing
 * and ids, empty assistant turns, prefix placement) and returns the API's error answer, or `undefined`.
 */
export function checkMessages(messages: readonly MockWireMessage[]): MockErrorResponse | undefined {
  return checkShape(messages) ?? checkOrder(messages);
}
