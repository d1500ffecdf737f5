import { UserInputError } from '../errors.js';

/** Longest accepted session id, in characters. */
export const MAX_SESSION_ID_LENGTH = 200;

/**
 * Throws a `UserInputError` unless `sessionId` is a non-empty string of at most 200 characters without
 * control characters, path separators or `..` (stores may name files after it). Every store checks ids the same way, so an id valid for one store is valid for all.
 */
export function validateSessionId(sessionId: unknown): asserts sessionId is string {
  const problem =
    typeof sessionId !== 'string'
      ? `must be a string, got ${typeof sessionId}`
      : sessionId.length === 0
        ? 'must not be empty'
        : sessionId.length > MAX_SESSION_ID_LENGTH
          ? `must be at most ${MAX_SESSION_ID_LENGTH} characters, got ${sessionId.length}`
          : hasControlCharacter(sessionId)
            ? 'must not contain control characters'
            : /[/\\]/.test(sessionId) || sessionId.includes('..')
              ? 'looks like a path (it contains "/", "\\" or "..")'
              : undefined;
  if (problem) {
    throw new UserInputError(
      'invalid-input',
      `Session id ${JSON.stringify(String(sessionId)).slice(0, 80)} ${problem}.`,
      {
        hint: 'Use a short id such as a user or conversation id, without path characters.',
        path: 'sessionId',
      },
    );
  }
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
