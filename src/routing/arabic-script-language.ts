import {
  ARTICLE_WEIGHT,
  dampCount,
  functionWords,
  JAWI_GA,
  LETTER_EVIDENCE,
  NEGATION_WEIGHT,
  Side,
  ZWNJ_WEIGHT,
} from './arabic-lexicon.js';
import { FNV_PRIME, HASH_START, hashWord } from './word-hash.js';

// Local copies: the scan below runs per character, and a module-local constant is the cheapest to read.
const WORD_START = HASH_START;
const ARABIC_SIDE = Side.arabic;
const JAWI_GA_CODE = JAWI_GA;
const ARTICLE = ARTICLE_WEIGHT;

/**
 * The languages the discriminator names: `ms` is Malay (and its neighbours) in Jawi script; `other` covers
 * Uyghur, Kurdish, Sindhi and texts without evidence.
 */
export type ArabicScriptLanguage = 'ar' | 'fa' | 'ur' | 'ps' | 'ms' | 'other';

/** The discriminator's answer for one text. */
export interface ArabicScriptGuess {
  language: ArabicScriptLanguage;
  /** Evidence for Arabic minus evidence against it; positive means Arabic. */
  margin: number;
  /** Total evidence seen (both sides); 0 means the text gave no clue. */
  evidence: number;
}

const SIDES = 7;
// Letter evidence indexed by code point - 0x600 (the Arabic block). Built once; read-only afterwards.
const LETTER_SIDE = new Int8Array(256).fill(-1);
const LETTER_WEIGHT = new Float32Array(256);
for (const [code, side, weight] of LETTER_EVIDENCE) {
  LETTER_SIDE[code - 0x600] = side;
  LETTER_WEIGHT[code - 0x600] = weight;
}

/**
 * Folds hamza-seated alefs (not alef madda: Persian آن must not become ان) to a bare alef and drops diacritics and tatweel, so `أن`, `إن` and `ان` hash
 * alike. Yeh and kaf variants are kept apart: telling them apart is the point.
 */
function normalizeCode(code: number): number {
  if (code === 0x623 || code === 0x625 || code === 0x671) return 0x627;
  if ((code >= 0x64b && code <= 0x65f) || code === 0x670 || code === 0x640) return -1;
  return code;
}

const WORDS = new Map<number, number>();
for (const [word, side, weight] of functionWords())
  WORDS.set(hashWord(word, normalizeCode), side * 1000 + Math.round(weight * 100));

function isWordLetter(code: number): boolean {
  return (
    (code >= 0x620 && code <= 0x6d5) || (code >= 0x750 && code <= 0x77f) || (code >= 0x8a0 && code <= 0x8ff)
  );
}

/**
 * Decides whether Arabic-script text is Arabic (any variety, including dialects) or another language
 * written in Arabic script (Persian, Dari, Urdu, Punjabi, Pashto, Uyghur, Kurdish, Sindhi). One pass,
 * no string slicing: letters unique to one orthography, function words matched by hash, and the Arabic
 * article ال are weighed; the side with more evidence wins, and a text with none is not called Arabic.
 */
export function detectArabicScript(text: string, threshold = 0): ArabicScriptGuess {
  return decide(arabicScriptEvidence(text), threshold);
}

/**
 * The evidence behind {@link detectArabicScript}, by side (indexed by `Side`: Arabic, Persian, Urdu,
 * Pashto, other, shared, Jawi). The request model reads these as features.
 */
export function arabicScriptEvidence(text: string): number[] {
  const score = [0, 0, 0, 0, 0, 0, 0];
  // Word state lives in locals (no closure), so the loop runs on registers: this is the router's hot path.
  let hash = WORD_START;
  let length = 0;
  let first = 0;
  let second = 0;
  let third = 0;
  let last = 0;
  const letters = LETTER_COUNTS.fill(0);
  for (let index = 0; index <= text.length; index++) {
    // One step past the end, a space closes the last word.
    const code = index === text.length ? 0x20 : text.charCodeAt(index);
    if (code >= 0x600 && code <= 0x6ff) {
      letters[code - 0x600] = (letters[code - 0x600] as number) + 1;
    } else if (code === 0x200c) {
      score[Side.persian] = (score[Side.persian] as number) + ZWNJ_WEIGHT;
    } else if (code === JAWI_GA_CODE) {
      score[Side.jawi] = (score[Side.jawi] as number) + 3;
    } else if ((code >= 0x750 && code <= 0x77f) || (code >= 0x8a0 && code <= 0x8ff)) {
      score[Side.other] = (score[Side.other] as number) + 1;
    }
    const normalized = normalizeCode(code);
    if (normalized < 0) continue;
    if (isWordLetter(normalized)) {
      if (length === 0) first = normalized;
      else if (length === 1) second = normalized;
      else if (length === 2) third = normalized;
      last = normalized;
      hash = Math.imul(hash ^ normalized, FNV_PRIME);
      length++;
      continue;
    }
    if (length === 0) continue;
    const packed = WORDS.get(hash);
    if (packed !== undefined) {
      const side = Math.floor(packed / 1000);
      score[side] = (score[side] as number) + (packed % 1000) / 100;
    }
    if (isArticleWord(first, second, third, length))
      score[ARABIC_SIDE] = (score[ARABIC_SIDE] as number) + ARTICLE;
    // مـ...ش / ومـ...ش: the dialect negation circumfix.
    if (last === 0x634 && length >= 5 && (first === 0x645 || (first === 0x648 && second === 0x645))) {
      score[Side.arabic] = (score[Side.arabic] as number) + NEGATION_WEIGHT;
    }
    hash = WORD_START;
    length = 0;
  }
  for (let offset = 0; offset < 256; offset++) {
    const count = letters[offset] as number;
    if (count === 0) continue;
    const side = LETTER_SIDE[offset] as number;
    if (side >= 0)
      score[side] = (score[side] as number) + (LETTER_WEIGHT[offset] as number) * dampCount(count);
  }
  return score;
}

/** Letter counts of the Arabic block, reused by every call (the scan is synchronous). */
const LETTER_COUNTS = new Uint16Array(256);

/** ال article, directly or after one of the clitics و ب ف ك; or لل (ل + ال). */
function isArticleWord(first: number, second: number, third: number, length: number): boolean {
  return (
    (first === 0x627 && second === 0x644 && length >= 4) ||
    ((first === 0x648 || first === 0x628 || first === 0x641 || first === 0x643) &&
      second === 0x627 &&
      third === 0x644 &&
      length >= 5) ||
    (first === 0x644 && second === 0x644 && length >= 4)
  );
}

const NAMED_SIDES: ReadonlyArray<readonly [Side, ArabicScriptLanguage]> = [
  [Side.persian, 'fa'],
  [Side.urdu, 'ur'],
  [Side.pashto, 'ps'],
  [Side.jawi, 'ms'],
  [Side.other, 'other'],
];

/** The discriminator's guess from {@link arabicScriptEvidence}'s side scores. */
export function guessFromEvidence(score: number[], threshold = 0): ArabicScriptGuess {
  return decide(score, threshold);
}

function decide(score: number[], threshold: number): ArabicScriptGuess {
  const arabic = score[Side.arabic] as number;
  let against = 0;
  let best: ArabicScriptLanguage = 'other';
  let bestScore = 0;
  for (let side = 1; side < SIDES; side++) against += score[side] as number;
  for (const [side, language] of NAMED_SIDES) {
    if ((score[side] as number) > bestScore) {
      bestScore = score[side] as number;
      best = language;
    }
  }
  // Shared evidence (ی ک پ) without a named side: Persian is the most common Arabic-script language.
  if (bestScore === 0 && (score[Side.shared] as number) > 0) best = 'fa';
  const margin = arabic - against;
  const evidence = arabic + against;
  return { language: evidence > 0 && margin > threshold ? 'ar' : best, margin, evidence };
}
