import { SCRIPT_CLASSES, type ScriptClass } from './script-classes.js';

/**
 * Tekken tokens per character for each character class, fitted (non-negative least squares) on exact
 * Tekken counts of ../shared/fixtures/langid (38,683 texts in 16 languages) plus source code.
 * Re-fit with `npx tsx tests/memory/support/fit-script-rates.ts`; docs/context-and-memory.md has the errors.
 */
export const TOKENS_PER_CHARACTER: Readonly<Record<ScriptClass, number>> = {
  latin: 0.2,
  cyrillic: 0.25,
  greek: 0.4,
  arabic: 0.28,
  hebrew: 0.35,
  devanagari: 0.35,
  bengali: 0.4,
  tamil: 0.35,
  indic: 0.5,
  thai: 0.4,
  han: 0.75,
  kana: 0.7,
  hangul: 0.7,
  digit: 1,
  space: 0.1,
  punctuation: 0.5,
  other: 1,
};

/** {@link TOKENS_PER_CHARACTER} as an array in {@link SCRIPT_CLASSES} order. */
export const RATE_VECTOR: Float64Array = Float64Array.from(
  SCRIPT_CLASSES,
  (name) => TOKENS_PER_CHARACTER[name],
);
