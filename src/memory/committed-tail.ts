import type { FileHandle } from 'node:fs/promises';

/** Where the committed part of a session file ends, and the number of its last turn. */
export interface CommittedTail {
  /** Bytes up to the end of the last commit line (or of the header when no turn was committed; else 0). */
  committedBytes: number;
  lastTurn: number;
}

const FIRST_WINDOW = 65_536;

/**
 * Finds the last commit line by reading the file backwards in growing windows, so an append costs the size of
 * the last turn, not of the whole file. A commit line is trusted as is: `load` still checks each turn's count,
 * so a miscounted turn is ignored there and simply stays before the new one.
 */
export async function readCommittedTail(handle: FileHandle, size: number): Promise<CommittedTail> {
  for (let window = FIRST_WINDOW; ; window *= 4) {
    const start = Math.max(0, size - window);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    let end = buffer.lastIndexOf(0x0a);
    while (end >= 0) {
      const lineStart = end === 0 ? 0 : buffer.lastIndexOf(0x0a, end - 1) + 1;
      if (lineStart === 0 && start > 0) break; // the line may begin before this window: widen it
      const turn = commitTurn(buffer.toString('utf8', lineStart, end));
      if (turn !== undefined) return { committedBytes: start + end + 1, lastTurn: turn };
      if (lineStart === 0) break;
      end = lineStart - 1;
    }
    if (start === 0) {
      const firstEnd = buffer.indexOf(0x0a);
      const header = firstEnd >= 0 && isHeader(buffer.toString('utf8', 0, firstEnd));
      return { committedBytes: header ? firstEnd + 1 : 0, lastTurn: 0 };
    }
  }
}

function commitTurn(line: string): number | undefined {
  if (!line.startsWith('{"turn":') || !line.includes('"commit":')) return undefined;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    const turn = record['turn'];
    return Number.isInteger(turn) && Number.isInteger(record['commit']) && !('message' in record)
      ? (turn as number)
      : undefined;
  } catch {
    return undefined;
  }
}

function isHeader(line: string): boolean {
  try {
    return (JSON.parse(line) as Record<string, unknown>)['dragoman'] === 'session';
  } catch {
    return false;
  }
}
