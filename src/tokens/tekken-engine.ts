import { createPieceEncoder } from './tekken-bpe.js';
import { toJavaScriptPattern } from './tekken-pattern.js';
import { createPieceCounter } from './tekken-piece-counter.js';
import { readTekkenVocabulary } from './tekken-ranks.js';

/** An exact Tekken tokenizer. */
export interface TekkenEngine {
  /** Tekken token ids of a plain text (BPE ids are `rank + 1000`; no control tokens). */
  encode(text: string): number[];
  /** Number of Tekken tokens in a plain text. */
  countText(text: string): number;
  /** Milliseconds spent reading the ranks and building the engine. */
  readonly loadMs: number;
  /** Frees the engine's memory (the WASM engine's, or the remembered piece counts). Do not use it afterwards. */
  free(): void;
}

/**
 * Loads the Tekken ranks into a JavaScript BPE (synchronously; about 15-30 ms and 3 MB, against 100-250 ms
 * and 27 MB for the `tiktoken` WASM engine, kept as a cross-check in tests/tokens/support/tekken-wasm-engine.ts).
 *
 * Texts are split with Tekken's pre-tokenizer pattern (V8's regex engine, compiled in ~3 ms) and each piece
 * is merged by {@link createPieceEncoder}; piece counts are remembered, so repeated words skip the merge.
 * BPE never merges across pieces and the merge order is tiktoken's, so the ids are exact: tests compare them
 * with the WASM engine splitting with the original pattern, on the fixtures, the multilingual corpus and
 * arbitrary Unicode.
 */
export function loadTekkenEngine(requireFn: NodeRequire): TekkenEngine {
  const started = performance.now();
  const vocabulary = readTekkenVocabulary(requireFn);
  const encoder = createPieceEncoder(vocabulary.table);
  const pieces = createPieceCounter(new RegExp(toJavaScriptPattern(vocabulary.pattern), 'gu'), encoder.count);
  const offset = vocabulary.specialTokens;
  return {
    loadMs: performance.now() - started,
    encode(text) {
      const ranks: number[] = [];
      pieces.forEachPiece(text, (piece) => encoder.encode(piece, ranks));
      return ranks.map((rank) => rank + offset);
    },
    countText: pieces.countText,
    free: pieces.clear,
  };
}
