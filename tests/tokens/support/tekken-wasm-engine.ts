import type { TekkenEngine } from '../../../src/tokens/tekken-engine.js';
import { toJavaScriptPattern } from '../../../src/tokens/tekken-pattern.js';
import { createPieceCounter } from '../../../src/tokens/tekken-piece-counter.js';
import { readTekkenRanks } from '../../../src/tokens/tekken-ranks.js';

interface WasmTiktoken {
  encode_ordinary(text: string): Uint32Array;
  free(): void;
}

/**
 * The engine's own pattern: each call gets exactly one pre-tokenized piece, so the engine only needs to take
 * it whole. Compiling Tekken's Unicode-class pattern in the WASM regex engine costs 60-170 ms of the load;
 * this one costs under 10 ms. Splitting happens in JavaScript with Tekken's pattern.
 */
const WHOLE_PIECE = '[\\s\\S]+';

/**
 * Loads the Tekken ranks into the `tiktoken` WASM engine (synchronously; about 100-250 ms and 27 MB). The
 * default engine is the JavaScript BPE of `loadTekkenEngine`, which loads 5-10x faster; this one is kept
 * as a cross-check and for the benchmark's comparison.
 *
 * Texts are split with Tekken's pre-tokenizer pattern in JavaScript and each piece is BPE-encoded by the
 * engine; piece counts are remembered, so repeated words skip the engine.
 */
export function loadTekkenWasmEngine(requireFn: NodeRequire): TekkenEngine {
  const started = performance.now();
  const ranks = readTekkenRanks(requireFn);
  const { Tiktoken } = requireFn('tiktoken/lite') as {
    Tiktoken: new (bpe: string, special: Record<string, number>, pattern: string) => WasmTiktoken;
  };
  // Control tokens are never produced from text (mistral-common encodes "[INST]" typed by a user as
  // plain text), so the engine gets no special tokens; the chat template adds their ids itself.
  const wasm = new Tiktoken(ranks.tiktokenBpe, {}, WHOLE_PIECE);
  const splitter = new RegExp(toJavaScriptPattern(ranks.pattern), 'gu');
  const pieces = createPieceCounter(splitter, (piece) => wasm.encode_ordinary(piece).length);
  const offset = ranks.specialTokens;
  return {
    loadMs: performance.now() - started,
    encode(text) {
      const ids: number[] = [];
      pieces.forEachPiece(text, (piece) => {
        for (const rank of wasm.encode_ordinary(piece)) ids.push(rank + offset);
      });
      return ids;
    },
    countText: pieces.countText,
    free: () => {
      pieces.clear();
      wasm.free();
    },
  };
}
