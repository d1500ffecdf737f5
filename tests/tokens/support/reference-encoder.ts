import { nodeRequire } from '../../../src/tokens/node-require.js';
import { readTekkenRanks } from '../../../src/tokens/tekken-ranks.js';

/**
 * A reference Tekken encoder for tests: the `tiktoken` WASM engine with Tekken's original pre-tokenizer
 * pattern, encoding whole texts (no JavaScript splitting, no memo).
 */
export function referenceEncoder(): (text: string) => number[] {
  const requireFn = nodeRequire()!;
  const ranks = readTekkenRanks(requireFn);
  const { Tiktoken } = requireFn('tiktoken/lite') as {
    Tiktoken: new (
      bpe: string,
      special: Record<string, number>,
      pattern: string,
    ) => { encode_ordinary(text: string): Uint32Array };
  };
  const engine = new Tiktoken(ranks.tiktokenBpe, {}, ranks.pattern);
  return (text) => Array.from(engine.encode_ordinary(text), (rank) => rank + ranks.specialTokens);
}
