import type { Message } from '../models/types.js';

/**
 * Indices where a history may be cut: each user message that no earlier tool call still waits on (a cut
 * there never separates an assistant tool call from its results). Index 0 is always a boundary.
 */
export function turnBoundaries(history: readonly Message[]): number[] {
  const callIndex = new Map<string, number>();
  // blockedUntil[j] = last index holding a result for a call made at j; boundaries in (j, that] are invalid.
  let reach = -1;
  const reachAt = new Int32Array(history.length).fill(-1);
  history.forEach((message, index) => {
    if (message.role === 'assistant' && message.toolCalls) {
      for (const call of message.toolCalls) callIndex.set(call.id, index);
    } else if (message.role === 'tool') {
      const from = callIndex.get(message.toolCallId);
      if (from !== undefined) reachAt[from] = Math.max(reachAt[from] ?? -1, index);
    }
  });
  const boundaries = [0];
  for (let index = 0; index < history.length; index++) {
    if (index > 0 && history[index]?.role === 'user' && reach < index) boundaries.push(index);
    reach = Math.max(reach, reachAt[index] ?? -1);
  }
  return boundaries;
}

/** Number of leading system messages: they are always kept. */
export function leadingSystemCount(messages: readonly Message[]): number {
  let count = 0;
  while (count < messages.length && messages[count]?.role === 'system') count++;
  return count;
}
