import type { RankTable } from './tekken-rank-table.js';

/** BPE over one pre-tokenized piece at a time, in plain JavaScript. */
export interface PieceEncoder {
  /** Number of tokens of one piece. */
  count(piece: string): number;
  /** Appends the ranks of one piece to `out`. */
  encode(piece: string, out: number[]): void;
}

const NONE = 0x7fffffff;

/**
 * Creates a byte-pair encoder that merges exactly like `tiktoken` (the lowest-ranked adjacent pair first,
 * the leftmost on ties), so its ranks are the WASM engine's. Pieces are UTF-8 encoded the way a JavaScript
 * string crosses into WASM: a lone surrogate becomes U+FFFD. Buffers are reused across calls.
 */
export function createPieceEncoder(table: RankTable): PieceEncoder {
  let bytes = new Uint8Array(256);
  let bounds = new Int32Array(257);
  let ranks = new Int32Array(257);

  /** UTF-8 bytes of `piece` into `bytes`; returns their number. */
  function toUtf8(piece: string): number {
    if (bytes.length < piece.length * 3) {
      bytes = new Uint8Array(piece.length * 3);
      bounds = new Int32Array(piece.length * 3 + 1);
      ranks = new Int32Array(piece.length * 3 + 1);
    }
    let length = 0;
    for (let index = 0; index < piece.length; index++) {
      let code = piece.charCodeAt(index);
      if (code < 0x80) {
        bytes[length++] = code;
        continue;
      }
      if (code < 0x800) {
        bytes[length++] = 0xc0 | (code >> 6);
        bytes[length++] = 0x80 | (code & 0x3f);
        continue;
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = index + 1 < piece.length ? piece.charCodeAt(index + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          index++;
          bytes[length++] = 0xf0 | (code >> 18);
          bytes[length++] = 0x80 | ((code >> 12) & 0x3f);
          bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
          bytes[length++] = 0x80 | (code & 0x3f);
          continue;
        }
        code = 0xfffd;
      }
      bytes[length++] = 0xe0 | (code >> 12);
      bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[length++] = 0x80 | (code & 0x3f);
    }
    return length;
  }

  /** Merges `bytes[0..length)`; returns the number of parts, whose starts are `bounds[0..parts)`. */
  function merge(length: number): number {
    let parts = length;
    for (let index = 0; index < length; index++) bounds[index] = index;
    bounds[length] = length;
    for (let index = 0; index + 1 < length; index++) ranks[index] = pairRank(index, index + 2, parts);
    ranks[length - 1] = NONE;
    for (;;) {
      let best = NONE;
      let at = -1;
      for (let index = 0; index + 1 < parts; index++) {
        if (ranks[index]! < best) {
          best = ranks[index]!;
          at = index;
        }
      }
      if (at < 0) return parts;
      bounds.copyWithin(at + 1, at + 2, parts + 1);
      ranks.copyWithin(at + 1, at + 2, parts);
      parts--;
      ranks[at] = pairRank(at, at + 2, parts);
      if (at > 0) ranks[at - 1] = pairRank(at - 1, at + 1, parts);
    }
  }

  /** Rank of the bytes from part `first` up to part `last` (exclusive), or NONE. */
  function pairRank(first: number, last: number, parts: number): number {
    if (last > parts) return NONE;
    const rank = table.rankOf(bytes, bounds[first]!, bounds[last]!);
    return rank < 0 ? NONE : rank;
  }

  return {
    count(piece) {
      const length = toUtf8(piece);
      if (length <= 1 || table.rankOf(bytes, 0, length) >= 0) return length === 0 ? 0 : 1;
      return merge(length);
    },
    encode(piece, out) {
      const length = toUtf8(piece);
      if (length === 0) return;
      const whole = table.rankOf(bytes, 0, length);
      if (whole >= 0) {
        out.push(whole);
        return;
      }
      const parts = merge(length);
      for (let index = 0; index < parts; index++) {
        out.push(table.rankOf(bytes, bounds[index]!, bounds[index + 1]!));
      }
    },
  };
}
