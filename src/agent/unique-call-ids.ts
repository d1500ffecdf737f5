import type { AssistantMessage, Message } from '../models/types.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Gives every tool call of a new reply an id no other call of the conversation has. A model or server
 * that repeats an id would otherwise make two calls share one approval decision (a declined call would run
 * when its twin is approved) and one tool result. Ids that name a property of every object (`__proto__`,
 * `constructor`) are replaced too, so a plain-object approvals map can approve them. Replacements are 9
 * characters of `[A-Za-z0-9]`, the form Mistral accepts. Returns the message unchanged when nothing clashes.
 */
export function withUniqueToolCallIds(
  message: AssistantMessage,
  conversation: readonly Message[],
  random: () => number = Math.random,
): AssistantMessage {
  if (!message.toolCalls?.length) return message;
  const taken = new Set<string>();
  for (const earlier of conversation) {
    if (earlier.role === 'assistant') for (const call of earlier.toolCalls ?? []) taken.add(call.id);
  }
  let changed = false;
  const toolCalls = message.toolCalls.map((call) => {
    if (!taken.has(call.id) && !(call.id in Object.prototype)) {
      taken.add(call.id);
      return call;
    }
    changed = true;
    let id: string;
    do id = freshId(random);
    while (taken.has(id));
    taken.add(id);
    return { ...call, id };
  });
  return changed ? { ...message, toolCalls } : message;
}

function freshId(random: () => number): string {
  let id = '';
  for (let index = 0; index < 9; index++) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return id;
}
