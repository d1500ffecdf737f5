import {
  assistantEmptyError,
  lastRoleError,
  type MockErrorResponse,
  toolCallIdError,
  toolCallIdMissingError,
  tooManyImagesError,
  unansweredToolCallError,
  unexpectedRoleError,
} from './error-bodies.js';
import type { MockWireMessage } from './types.js';

/** Images Mistral accepts in one request. Source: Mistral's vision docs (mistral-facts.md rule 11). */
export const maxImagesPerRequest = 8;

const toolCallIdPattern = /^[A-Za-z0-9]{9}$/;

function isEmptyContent(content: unknown): boolean {
  return (
    content === undefined ||
    content === null ||
    content === '' ||
    (Array.isArray(content) && content.length === 0)
  );
}

function countImages(messages: readonly MockWireMessage[]): number {
  let count = 0;
  for (const message of messages) {
    if (!Array.isArray(message.content)) continue;
    for (const chunk of message.content) {
      if (typeof chunk === 'object' && chunk !== null && (chunk as { type?: unknown }).type === 'image_url')
        count++;
    }
  }
  return count;
}

/** The role order and pairing rules, checked message by message in one pass. */
function checkOrder(messages: readonly MockWireMessage[]): MockErrorResponse | undefined {
  const pending = new Set<string>();
  let previous: MockWireMessage | undefined;
  for (const message of messages) {
    const role = message.role;
    const previousRole = previous?.role;
    if (previousRole !== undefined && role === 'system' && previousRole !== 'system') {
      return unexpectedRoleError(role, previousRole);
    }
    if (role === 'user' && previousRole === 'tool') return unexpectedRoleError(role, previousRole);
    if (role === 'tool') {
      const afterCalls = previousRole === 'assistant' && (previous?.tool_calls?.length ?? 0) > 0;
      if (!afterCalls && previousRole !== 'tool') return unexpectedRoleError(role, previousRole ?? 'none');
      const id = message.tool_call_id;
      if (id === undefined || id === null) return toolCallIdMissingError();
      if (!toolCallIdPattern.test(id)) return toolCallIdError(id);
      if (!pending.delete(id)) return unansweredToolCallError();
    } else if (pending.size > 0) {
      return unansweredToolCallError();
    }
    if (role === 'assistant') {
      const calls = message.tool_calls ?? [];
      if (isEmptyContent(message.content) && calls.length === 0) return assistantEmptyError();
      for (const call of calls) {
        // The SDK sends the string "null" for a call without id; the API then names it in the error.
        const id = call.id ?? 'null';
        if (!toolCallIdPattern.test(id)) return toolCallIdError(id);
        if (pending.has(id)) return unansweredToolCallError();
        pending.add(id);
      }
    }
    previous = message;
  }
  const last = previous;
  if (
    last !== undefined &&
    last.role !== 'user' &&
    last.role !== 'tool' &&
    !(last.role === 'assistant' && last.prefix)
  ) {
    return lastRoleError(last.role);
  }
  if (pending.size > 0) return unansweredToolCallError();
  return undefined;
}

/**
 * Checks a chat request's messages against the API's message rules (role order, tool-call pairing and ids,
 * empty assistant turns, the last role, the image limit) and returns the API's error answer, or `undefined`.
 */
export function checkMessages(messages: readonly MockWireMessage[]): MockErrorResponse | undefined {
  const orderError = checkOrder(messages);
  if (orderError !== undefined) return orderError;
  const images = countImages(messages);
  if (images > maxImagesPerRequest) return tooManyImagesError(images, maxImagesPerRequest);
  return undefined;
}
