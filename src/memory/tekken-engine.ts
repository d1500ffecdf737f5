import { readTekkenRanks } from './tekken-ranks.js';

/** An exact Tekken tokenizer backed by the `tiktoken` WASM engine. */
export interface TekkenEngine {
  /** Tekken token ids of a plain text (BPE ids are `rank + 1000`; no control tokens). */
  encode(text: string): number[];
  /** Number of Tekken tokens in a plain text. */
  countText(text: string): number;
  /** Milliseconds spent reading the ranks and building the engine. */
  readonly loadMs: number;
  /** Frees the WASM memory. The engine must not be used afterwards. */
  free(): void;
}

interface WasmTiktoken {
  encode_ordinary(text: string): Uint32Array;
  free(): void;
}

/** Pieces longer than this are counted directly instead of being remembered. */
const MAX_CACHED_PIECE = 48;
/** Remembered piece counts per engine before the memo is cleared (about 10 MB at most). */
const MAX_CACHED_PIECES = 200_000;
/**
 * The engine's own pattern: each call gets exactly one pre-tokenized piece, so the engine only needs to take
 * it whole. Compiling Tekken's Unicode-class pattern in the WASM regex engine costs 60-170 ms of the load;
 * this one costs under 10 ms. Splitting happens in JavaScript with Tekken's pattern.
 */
const WHOLE_PIECE = '[\\s\\S]+';

/** Rust `regex` `\s` (Unicode White_Space). JavaScript's `\s` differs (adds U+FEFF, lacks U+0085). */
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';

/**
 * Loads the Tekken ranks into the `tiktoken` WASM engine (synchronously; about 100-250 ms and 27 MB).
 *
 * Texts are split with Tekken's pre-tokenizer pattern in JavaScript (V8's regex engine, compiled in ~3 ms)
 * and each piece is BPE-encoded by the engine; piece counts are remembered, so repeated words (most of a
 * chat) skip the engine. BPE never merges across pieces, so the result is exact: tests compare it with a
 * reference engine that splits with the original pattern, on the fixtures, the multilingual corpus and
 * arbitrary Unicode.
 */
export function loadTekkenEngine(requireFn: NodeRequire): TekkenEngine {
  const started = performance.now();
  const ranks = readTekkenRanks(requireFn);
  const { Tiktoken } = requireFn('tiktoken/lite') as {
    Tiktoken: new (bpe: string, special: Record<string, number>, pattern: string) => WasmTiktoken;
  };
  // Control tokens are never produced from text (mistral-common encodes "[INST]" typed by a user as
  // plain text), so the engine gets no special tokens; the chat template adds their ids itself.
  const wasm = new Tiktoken(ranks.tiktokenBpe, {}, WHOLE_PIECE);
  const splitter = new RegExp(toJavaScriptPattern(ranks.pattern), 'gu');
  const pieces = new Map<string, number>();
  const offset = ranks.specialTokens;

  function countPiece(piece: string): number {
    if (piece.length > MAX_CACHED_PIECE) return wasm.encode_ordinary(piece).length;
    let count = pieces.get(piece);
    if (count === undefined) {
      count = wasm.encode_ordinary(piece).length;
      if (pieces.size >= MAX_CACHED_PIECES) pieces.clear();
      pieces.set(piece, count);
    }
    return count;
  }

  return {
    loadMs: performance.now() - started,
    encode(text) {
      const ids: number[] = [];
      for (const match of text.matchAll(splitter)) {
        for (const rank of wasm.encode_ordinary(match[0])) ids.push(rank + offset);
      }
      return ids;
    },
    countText(text) {
      let total = 0;
      for (const match of text.matchAll(splitter)) total += countPiece(match[0]);
      return total;
    },
    free: () => wasm.free(),
  };
}

/** Rewrites the Rust-regex pattern for JavaScript's `u` flag, giving `\s`/`\S` Rust's meaning. */
export function toJavaScriptPattern(pattern: string): string {
  return pattern
    .replaceAll('[^\\s', `[^${WHITE_SPACE}`)
    .replaceAll('\\s', `[${WHITE_SPACE}]`)
    .replaceAll('\\S', `[^${WHITE_SPACE}]`);
}
