import { UserInputError } from '../errors.js';
import type { Message } from '../models/types.js';
import type { ResumeInput, RunInput } from './types.js';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/** True when the input continues a paused run. */
export function isResumeInput(input: RunInput): input is ResumeInput {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && 'resume' in input;
}

/**
 * Turns a run's input into the messages of the new turn: a string becomes one user message, a message stays
 * one message, a list is copied. Throws a `UserInputError` naming the bad entry otherwise.
 */
export function toInputMessages(input: Exclude<RunInput, ResumeInput>): Message[] {
  if (typeof input === 'string') {
    if (input.trim() === '') {
      throw bad(
        'input',
        `The input text is ${input === '' ? 'empty' : `only whitespace (${JSON.stringify(input)})`}.`,
      );
    }
    return [{ role: 'user', content: input }];
  }
  const messages: Message[] = Array.isArray(input) ? [...(input as readonly Message[])] : [input as Message];
  if (messages.length === 0) throw bad('input', 'The input message list is empty.');
  messages.forEach((message, index) => {
    const path = Array.isArray(input) ? `input[${index}]` : 'input';
    if (typeof message !== 'object' || message === null || !ROLES.has(message.role)) {
      throw bad(path, `${path} is not a message (role must be system, user, assistant or tool).`);
    }
    if (message.role === 'user' && typeof message.content !== 'string' && !Array.isArray(message.content)) {
      throw bad(path, `${path}.content must be a string or an array of text and image parts.`);
    }
    // A blank user turn asks nothing: the model would answer a question nobody asked, at full price.
    if (message.role === 'user' && (isBlank(message.content) || message.content.length === 0)) {
      throw bad(path, `${path} is a user message with no content (empty or only whitespace).`);
    }
  });
  return messages;
}

function isBlank(content: unknown): boolean {
  return typeof content === 'string' && content.trim() === '';
}

function bad(path: string, message: string): UserInputError {
  return new UserInputError('invalid-input', message, {
    path,
    hint: "Pass a string, { role: 'user', content }, or an array of messages.",
  });
}
