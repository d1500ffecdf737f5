/**
 * The turns the crash-safety writers append: four messages each (user, assistant tool call, tool result,
 * final answer), fully determined by the writer's tag and the turn number, with a payload whose size varies
 * from a few bytes to tens of kilobytes so that some appends need several write calls. A reader can then
 * check that a loaded history is made of whole, intact turns only.
 */
import type { Message } from '../../../src/models/types.js';

/** Messages per turn. */
export const TURN_SIZE = 4;

function payloadLength(tag: string, turn: number): number {
  let hash = 2166136261;
  for (const char of `${tag}:${turn}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  // Mostly small, sometimes large (up to 48 KiB): torn writes need big records.
  return hash % 4 === 0 ? hash % 49_152 : hash % 512;
}

/** The 9-character tool call id of a turn. */
function callId(turn: number): string {
  return `c${String(turn).padStart(8, '0')}`.slice(-9);
}

/** The messages of turn `turn` of writer `tag`. */
export function crashTurn(tag: string, turn: number): Message[] {
  const payload = 'é'.repeat(payloadLength(tag, turn));
  const id = callId(turn);
  return [
    { role: 'user', content: `turn ${tag}/${turn} ${payload}` },
    {
      role: 'assistant',
      content: '',
      toolCalls: [{ id, name: 'lookup', arguments: JSON.stringify({ tag, turn }) }],
    },
    { role: 'tool', toolCallId: id, name: 'lookup', content: `result ${tag}/${turn}` },
    { role: 'assistant', content: `answer ${tag}/${turn} 🌍` },
  ];
}

/** What a loaded history says about the writers: the turns of each tag, in order. */
export interface HistoryCheck {
  /** Turn numbers per tag, in the order they appear. */
  turnsByTag: Map<string, number[]>;
  /** Problems found: partial turns, corrupted messages, out-of-order turns. Empty when consistent. */
  problems: string[];
}

/** Checks a loaded history is a sequence of whole, intact turns, each writer's in order without gaps. */
export function checkHistory(history: readonly Message[]): HistoryCheck {
  const problems: string[] = [];
  const turnsByTag = new Map<string, number[]>();
  if (history.length % TURN_SIZE !== 0)
    problems.push(`${history.length} messages is not a whole number of turns`);
  for (let start = 0; start + TURN_SIZE <= history.length; start += TURN_SIZE) {
    const first = history[start];
    const match =
      first?.role === 'user' && typeof first.content === 'string'
        ? /^turn (\S+)\/(\d+) /.exec(first.content)
        : null;
    if (!match) {
      problems.push(`message ${start} does not start a turn`);
      continue;
    }
    const tag = match[1] as string;
    const turn = Number(match[2]);
    const expected = crashTurn(tag, turn);
    if (JSON.stringify(history.slice(start, start + TURN_SIZE)) !== JSON.stringify(expected)) {
      problems.push(`turn ${tag}/${turn} at message ${start} is not intact`);
    }
    const seen = turnsByTag.get(tag) ?? [];
    if (turn !== seen.length) problems.push(`turn ${tag}/${turn} follows ${seen.length - 1}`);
    seen.push(turn);
    turnsByTag.set(tag, seen);
  }
  return { turnsByTag, problems };
}
