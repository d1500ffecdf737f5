/** Pieces longer than this are counted directly instead of being remembered. */
const MAX_CACHED_PIECE = 48;
/** Remembered piece counts per engine before the memo is cleared (about 10 MB at most). */
const MAX_CACHED_PIECES = 200_000;

/** Splits texts into pre-tokenized pieces and counts them, remembering the counts of short pieces. */
export interface PieceCounter {
  /** Calls `onPiece` for each piece of `text`, in order. */
  forEachPiece(text: string, onPiece: (piece: string) => void): void;
  /** Sum of the piece counts of `text`. */
  countText(text: string): number;
  /** Forgets the remembered counts. */
  clear(): void;
}

/**
 * Creates a piece counter over a splitter (a global regex) and a per-piece count. BPE never merges across
 * pieces, so a text's count is the sum of its pieces' counts; repeated words (most of a chat) are looked up.
 */
export function createPieceCounter(splitter: RegExp, countPiece: (piece: string) => number): PieceCounter {
  const memo = new Map<string, number>();

  function countOne(piece: string): number {
    if (piece.length > MAX_CACHED_PIECE) return countPiece(piece);
    let count = memo.get(piece);
    if (count === undefined) {
      count = countPiece(piece);
      if (memo.size >= MAX_CACHED_PIECES) memo.clear();
      memo.set(piece, count);
    }
    return count;
  }

  return {
    forEachPiece(text, onPiece) {
      splitter.lastIndex = 0;
      for (let match = splitter.exec(text); match !== null; match = splitter.exec(text)) onPiece(match[0]);
    },
    countText(text) {
      let total = 0;
      splitter.lastIndex = 0;
      for (let match = splitter.exec(text); match !== null; match = splitter.exec(text)) {
        total += countOne(match[0]);
      }
      return total;
    },
    clear: () => memo.clear(),
  };
}
