import type { Message } from '../models/types.js';

/** The first line of a session file. */
export interface HeaderRecord {
  dragoman: 'session';
  version: 1;
  sessionId: string;
}

/** One message of turn `turn`. */
export interface MessageRecord {
  turn: number;
  message: Message;
}

/** Closes turn `turn`: it had `messages` message lines. A turn without this line was never committed. */
export interface CommitRecord {
  turn: number;
  commit: number;
  at: string;
}

/** The lines (each ending in `\n`) that append one turn: its messages, then its commit marker. */
export function encodeTurn(turn: number, messages: readonly Message[], now: Date): string {
  let text = '';
  for (const message of messages) text += `${JSON.stringify({ turn, message } satisfies MessageRecord)}\n`;
  const commit: CommitRecord = { turn, commit: messages.length, at: now.toISOString() };
  return `${text}${JSON.stringify(commit)}\n`;
}

/** The header line for a new session file. */
export function encodeHeader(sessionId: string): string {
  return `${JSON.stringify({ dragoman: 'session', version: 1, sessionId } satisfies HeaderRecord)}\n`;
}

/** What a session file holds. */
export interface ParsedSession {
  messages: Message[];
  /** Number of the last committed turn (0 when none). */
  lastTurn: number;
  /** Byte length of the file up to the end of the last commit line: anything after it is a torn tail. */
  committedBytes: number;
}

/**
 * Reads a session file. Only committed turns count: message lines are kept when a commit line for the same
 * turn and count follows; a torn or partial last line, an unterminated last turn, or a garbled line makes
 * the lines since the previous commit be ignored. Never throws on bad content.
 */
export function parseSession(bytes: Buffer): ParsedSession {
  const messages: Message[] = [];
  let pending: Message[] = [];
  let pendingTurn = -1;
  let lastTurn = 0;
  let committedBytes = 0;
  let offset = 0;
  while (offset < bytes.length) {
    const end = bytes.indexOf(0x0a, offset);
    if (end === -1) break; // an unterminated last line is torn
    const record = parseLine(bytes.toString('utf8', offset, end));
    offset = end + 1;
    if (record === undefined || 'dragoman' in record) {
      if (record && messages.length === 0 && lastTurn === 0) committedBytes = offset;
      if (record === undefined) pending = [];
      continue;
    }
    if ('message' in record) {
      if (record.turn !== pendingTurn) pending = [];
      pendingTurn = record.turn;
      pending.push(record.message);
      continue;
    }
    const complete =
      record.commit === pending.length && (pending.length === 0 || record.turn === pendingTurn);
    if (complete) {
      messages.push(...pending);
      lastTurn = Math.max(lastTurn, record.turn);
      committedBytes = offset;
    }
    pending = [];
    pendingTurn = -1;
  }
  return { messages, lastTurn, committedBytes };
}

type Record_ = HeaderRecord | MessageRecord | CommitRecord;

function parseLine(line: string): Record_ | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record['dragoman'] === 'session') return record as unknown as HeaderRecord;
  if (!Number.isInteger(record['turn'])) return undefined;
  if (typeof record['message'] === 'object' && record['message'] !== null) {
    const role = (record['message'] as Record<string, unknown>)['role'];
    return ['system', 'user', 'assistant', 'tool'].includes(role as string)
      ? (record as unknown as MessageRecord)
      : undefined;
  }
  if (Number.isInteger(record['commit'])) return record as unknown as CommitRecord;
  return undefined;
}
