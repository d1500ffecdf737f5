/**
 * Hashed text features for the request model: character 1- to 4-grams of the folded text and word
 * unigrams and bigrams, each hashed to one of {@link BUCKETS} weight rows. One pass over the text,
 * written into reusable typed arrays: no strings, no regular expressions, no allocation per call.
 * @module
 */
import { FNV_PRIME } from '../word-hash.js';
import { foldCode, isWordCode, SKIP, SPACE } from './normalize.js';

/** log2 of the number of weight rows hashed features share. */
export const BUCKET_BITS = 18;
/** Number of weight rows hashed features share. */
export const BUCKETS = 1 << BUCKET_BITS;
const MASK = BUCKETS - 1;
/** Only this many code units of a turn are read: enough to tell what it is, and a bounded cost. */
export const MAX_CODE_UNITS = 4096;
/** Marks the start of a text in character n-grams. */
const TEXT_START = 0x02;
const NGRAM_SEEDS = [0x3c6ef372, 0x5f3759df, 0x1b873593, 0x7feb352d] as const;
const WORD_SEED = 0x2545f491;
const BIGRAM_SEED = 0x68e31da4;

/** The hashed features of one text: bucket numbers, with repeats, in two groups. */
export interface HashedFeatures {
  /** Buckets of character n-grams; the first `chars` entries are this text's. */
  readonly charBuckets: Int32Array;
  chars: number;
  /** Buckets of word unigrams and bigrams; the first `words` entries are this text's. */
  readonly wordBuckets: Int32Array;
  words: number;
}

/** A reusable feature buffer, large enough for {@link MAX_CODE_UNITS} code units. */
export function createHashedFeatures(): HashedFeatures {
  return {
    charBuckets: new Int32Array(MAX_CODE_UNITS * 4 + 4),
    chars: 0,
    wordBuckets: new Int32Array(MAX_CODE_UNITS + 2),
    words: 0,
  };
}

/**
 * {@link foldCode} and {@link isWordCode} for the first {@link TABLE_SIZE} code units (Latin, Greek,
 * Cyrillic, Hebrew, Arabic), computed once at load: the scan reads a table instead of calling through
 * branches per character. Other scripts take the functions. A small table keeps the load cost low.
 */
const TABLE_SIZE = 0x700;
const FOLDED = new Int32Array(TABLE_SIZE);
const JOINS_WORD = new Uint8Array(TABLE_SIZE);
for (let code = 0; code < TABLE_SIZE; code++) {
  const folded = foldCode(code);
  FOLDED[code] = folded;
  JOINS_WORD[code] = folded !== SKIP && isWordCode(folded) ? 1 : 0;
}

function step(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

function bucket(hash: number): number {
  let mixed = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  mixed ^= mixed >>> 13;
  return mixed & MASK;
}

/** Fills `out` with the hashed features of `text` (its first {@link MAX_CODE_UNITS} code units). */
export function hashFeatures(text: string, out: HashedFeatures): HashedFeatures {
  const charBuckets = out.charBuckets;
  const wordBuckets = out.wordBuckets;
  let chars = 0;
  let words = 0;
  let previous1 = SPACE;
  let previous2 = TEXT_START;
  let previous3 = TEXT_START;
  let word = 0;
  let wordLength = 0;
  let previousWord = 0;
  const end = Math.min(text.length, MAX_CODE_UNITS);
  for (let index = 0; index <= end; index++) {
    // Inline table reads: a helper call per character costs more than the hashing.
    const raw = index === end ? SPACE : text.charCodeAt(index);
    const code = raw < TABLE_SIZE ? (FOLDED[raw] as number) : foldCode(raw);
    if (code === SKIP || (code === SPACE && previous1 === SPACE)) continue;
    charBuckets[chars++] = bucket(step(NGRAM_SEEDS[0], code));
    charBuckets[chars++] = bucket(step(step(NGRAM_SEEDS[1], previous1), code));
    charBuckets[chars++] = bucket(step(step(step(NGRAM_SEEDS[2], previous2), previous1), code));
    charBuckets[chars++] = bucket(
      step(step(step(step(NGRAM_SEEDS[3], previous3), previous2), previous1), code),
    );
    if (code < TABLE_SIZE ? JOINS_WORD[code] === 1 : isWordCode(code)) {
      word = step(wordLength === 0 ? WORD_SEED : word, code);
      wordLength++;
    } else if (wordLength > 0) {
      wordBuckets[words++] = bucket(word);
      if (previousWord !== 0) wordBuckets[words++] = bucket(step(Math.imul(previousWord, BIGRAM_SEED), word));
      previousWord = word;
      wordLength = 0;
    }
    previous3 = previous2;
    previous2 = previous1;
    previous1 = code;
  }
  out.chars = chars;
  out.words = words;
  return out;
}
