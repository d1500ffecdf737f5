import { SCRIPT_CLASSES, type ScriptClass } from './script-classes.js';

/**
 * Tekken tokens per character for each character class (and per word start), fitted by non-negative least
 * squares of the relative error on exact Tekken counts of the language-identification test corpus (sentences,
 * UDHR paragraphs and dialect tweets in 17 languages; see docs/context-and-memory.md) plus this repository's
 * TypeScript. Classes the corpus barely
 * covers (Greek, Hebrew, other Indic, Thai, kana, Hangul, emoji and other symbols) keep hand-set priors;
 * digits cost exactly 1 (Tekken splits each digit).
 * Re-fit with `npx tsx tests/tokens/support/fit-script-rates.ts`; docs/context-and-memory.md has the errors.
 */
export const TOKENS_PER_CHARACTER: Readonly<Record<ScriptClass, number>> = {
  latin: 0.153,
  cyrillic: 0.252,
  greek: 0.4,
  arabic: 0.268,
  arabicExtended: 0.336,
  arabicRare: 2.889,
  hebrew: 0.35,
  devanagari: 0.321,
  bengali: 0.426,
  tamil: 0.377,
  indic: 0.5,
  thai: 0.4,
  han: 1.011,
  kana: 0.7,
  hangul: 0.7,
  digit: 1,
  space: 0.429,
  punctuation: 0.347,
  other: 1,
  word: 0.165,
};

/** {@link TOKENS_PER_CHARACTER} as an array in {@link SCRIPT_CLASSES} order. */
export const RATE_VECTOR: Float64Array = Float64Array.from(
  SCRIPT_CLASSES,
  (name) => TOKENS_PER_CHARACTER[name],
);
