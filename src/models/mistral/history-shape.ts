/**
 * Where messages may stand in a compiled Mistral history (R2-R4, R7, R14 in docs/mistral-wire-rules.md): late
 * system messages, the first message and the last one. Each check throws a `UserInputError` naming the message.
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { Message } from '../types.js';
import type { WireMessage } from './wire-types.js';

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-history', message, { path, hint });
}

/**
 * R4/R7: a system message after the conversation started stays where it is when it follows a user or system
 * message (the API accepts both; consecutive system messages are joined as Mistral's normaliser does). After an
 * assistant or tool message the API answers 400 "Unexpected role 'system' after role 'assistant'", and no
 * repair keeps its meaning and position, so it is refused. An empty one carries nothing and is dropped.
 */
export function placeSystem(out: WireMessage[], content: string, path: string): void {
  if (content === '') return;
  const previous = out.at(-1);
  if (previous?.role === 'system') {
    previous.content = `${previous.content}\n\n${content}`;
  } else if (previous === undefined || previous.role === 'user') {
    out.push({ role: 'system', content });
  } else {
    throw invalid(
      path,
      `${path} is a system message right after ${previous.role === 'tool' ? 'a tool result' : 'an assistant turn'}; ` +
        `Mistral accepts one only at the start or after a user message (400 "Unexpected role 'system' after role '${previous.role}'").`,
      'Move it before that turn (right after a user message), or send it as a user message.',
    );
  }
}

/**
 * R2 and R14: without a system message, the first message is never counted for call/result pairing, so a
 * history opening with an assistant tool call is rejected; a lone message must be user or system.
 */
export function checkFirst(out: WireMessage[], messages: readonly Message[]): void {
  const first = out[0];
  if (first?.role !== 'assistant') return;
  const index = messages.findIndex((message) => message?.role === 'assistant');
  const path = `messages[${index}]`;
  if (first.toolCalls !== undefined) {
    throw invalid(
      path,
      `The history opens with an assistant tool call (${path}); Mistral rejects that (400 "Unexpected tool call id").`,
      'Start the history with the user message that led to the call, or drop the call and its results.',
    );
  }
  if (out.length === 1 && first.prefix === true) {
    throw invalid(
      path,
      `The history is only a prefix message (${path}); Mistral needs a user or system message before it.`,
      'Add the user message the prefix answers, or a system message.',
    );
  }
}

/** R3: something to send, and the last message user, tool, system or an assistant with `prefix`. */
export function checkLast(out: WireMessage[], count: number): void {
  const last = out.at(-1);
  if (last === undefined) {
    throw invalid('messages', `The history (${count} messages) has nothing to send.`, 'Add a user message.');
  }
  if (last.role === 'assistant' && last.prefix !== true) {
    throw invalid(
      `messages[${count - 1}]`,
      'The history ends with an assistant message; Mistral needs the last message to be user or tool.',
      'Add a user message, or set prefix: true on the last assistant message to have the model continue it.',
    );
  }
}
