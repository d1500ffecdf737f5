import { UserInputError } from '../errors.js';
import type { ChatRequestBody, UIMessageInput } from './types.js';

const ROLES = new Set(['system', 'user', 'assistant']);

/**
 * Reads and checks the JSON body `useChat` posts: `{ id, messages, trigger, messageId }`. Throws a
 * `UserInputError` naming the first bad field (the handler answers it with a 400).
 * @example
 * const body = await readChatRequest(request);
 */
export async function readChatRequest(request: Request): Promise<ChatRequestBody> {
  let body: unknown;
  try {
    body = await request.json();
  } catch (error) {
    throw bad('body', 'The request body is not JSON.', error);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw bad('body', 'The request body must be a JSON object with a messages array.');
  }
  const { id, messages } = body as Record<string, unknown>;
  if (id !== undefined && (typeof id !== 'string' || id === ''))
    throw bad('id', 'id must be a non-empty string.');
  if (!Array.isArray(messages) || messages.length === 0) {
    throw bad('messages', 'messages must be a non-empty array of UI messages.');
  }
  messages.forEach(checkMessage);
  return body as ChatRequestBody;
}

function checkMessage(message: unknown, index: number): asserts message is UIMessageInput {
  const path = `messages[${index}]`;
  if (typeof message !== 'object' || message === null) throw bad(path, `${path} is not an object.`);
  const { role, parts } = message as Record<string, unknown>;
  if (typeof role !== 'string' || !ROLES.has(role)) {
    throw bad(`${path}.role`, `${path}.role is ${JSON.stringify(role)}; expected user or assistant.`);
  }
  if (!Array.isArray(parts)) throw bad(`${path}.parts`, `${path}.parts must be an array.`);
  parts.forEach((part, partIndex) => {
    if (typeof part !== 'object' || part === null || typeof (part as { type?: unknown }).type !== 'string') {
      throw bad(`${path}.parts[${partIndex}]`, `${path}.parts[${partIndex}] has no string type.`);
    }
  });
}

function bad(path: string, message: string, cause?: unknown): UserInputError {
  return new UserInputError('invalid-input', message, {
    path,
    hint: 'Post the body useChat sends: { id, messages: UIMessage[] }.',
    cause,
  });
}
