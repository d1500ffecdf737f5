import { type CodeTerm, cjkTerms, wordTerms } from './code-lexicon.js';
import { FNV_PRIME, HASH_START, hashWord } from './word-hash.js';

// Local copies: the scan below runs per character, and a module-local constant is the cheapest to read.
const WORD_START = HASH_START;

/** What the code-intent detector saw, as evidence points (higher = more code-like). */
export interface CodeIntent {
  /** 0..1: `points / (points + 2)`; 0.5 or more means a coding task. */
  score: number;
  /** Evidence from syntax: fences, stack traces, code punctuation, identifiers, operators. */
  syntax: number;
  /** Evidence from wording: programming terms and coding requests, in several languages. */
  phrasing: number;
  /** The part of `phrasing` from terms with an everyday sense too ("python", "function", "spring"). */
  everyday: number;
}

/** Evidence points at which a turn counts as a coding task (score 0.5). */
export const CODE_POINTS_THRESHOLD = 2;

/** Lowercases ASCII, Latin-1 and basic Cyrillic; folds Arabic hamza alefs; -1 drops a code unit. */
function fold(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  if (code >= 0xc0 && code <= 0xde && code !== 0xd7) return code + 32;
  if (code >= 0x410 && code <= 0x42f) return code + 32;
  if (code >= 0x400 && code <= 0x40f) return code + 80;
  if (code === 0x623 || code === 0x625 || code === 0x622) return 0x627;
  if ((code >= 0x64b && code <= 0x65f) || code === 0x640) return -1;
  return code;
}

function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7;
  if (code >= 0x400 && code <= 0x4ff) return true;
  if (code >= 0x620 && code <= 0x6d5) return true;
  if (code >= 0x64b && code <= 0x65f) return true;
  if (code >= 0x900 && code <= 0x9ff) return code !== 0x964 && code !== 0x965;
  return code === 0x200c || code === 0x200d;
}

function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3040 && code <= 0x30ff) || code === 0x30fc;
}

// Lookup tables, built once at module load and read-only afterwards.
const EXACT = new Map<number, number>();
const STEMS = new Map<number, number>();
/** Hashes of terms with an everyday sense too (see code-lexicon.ts). */
const EVERYDAY = new Set<number>();
/** One byte per low 12 bits of a stem's hash: most word prefixes are rejected without a Map lookup. */
const STEM_FILTER = new Uint8Array(4096);
const CJK = new Map<number, number>();
const CJK_STARTERS = new Set<number>();
let longestStem = 0;
let longestCjk = 0;
for (const { term, weight, stem, everyday } of wordTerms()) {
  const hash = hashWord(term, fold);
  (stem ? STEMS : EXACT).set(hash, Math.max(weight, (stem ? STEMS : EXACT).get(hash) ?? 0));
  if (everyday) EVERYDAY.add(hash);
  if (stem) {
    longestStem = Math.max(longestStem, term.length);
    STEM_FILTER[hash & 4095] = 1;
  }
}
for (const { term, weight } of cjkTerms() as CodeTerm[]) {
  CJK.set(hashWord(term, fold), weight);
  CJK_STARTERS.add(term.charCodeAt(0));
  longestCjk = Math.max(longestCjk, term.length);
}

/**
 * Scores how likely a user turn is a coding task: code syntax (fences, stack traces, punctuation density,
 * snake_case and camelCase identifiers, operators, calls) plus programming terms in English, Spanish,
 * French, German, Turkish, Russian, Arabic, Persian, Bengali, Hindi, Chinese and Japanese. One pass over
 * the text, words matched by hash; no regular expressions.
 */
export function detectCodeIntent(text: string): CodeIntent {
  let syntax = 0;
  let phrasing = 0;
  let everyday = 0;
  if (text.includes('```')) syntax += 3;
  if (text.includes('Traceback (most recent call last)') || text.includes('", line ')) syntax += 3;
  if (text.includes('Error:') || text.includes('Exception')) syntax += 1;

  let punctuation = 0;
  let operators = 0;
  let calls = 0;
  let snake = 0;
  let camel = 0;
  let frames = 0;
  let codeLines = 0;
  let backticks = 0;

  // Word and line state lives in locals (no closures), so the scan runs on registers.
  let hash = WORD_START;
  let length = 0;
  let best = 0;
  let bestHash = 0;
  let hasUnderscore = false;
  let hasCamel = false;
  let lastLetter = 0;
  let beforeWord = 0;
  // Hashes of the terms matched so far: a term counts once per turn, however often it repeats.
  const matched: number[] = [];
  let previousCode = 0;
  let lineHasColonDigit = false;
  let lineStartsWithAt = false;
  let lineHasAt = false;
  let variables = 0;
  let lineStart = true;
  let lastNonSpace = 0;

  for (let index = 0; index <= text.length; index++) {
    // One step past the end, a line feed closes the last word and line.
    const code = index === text.length ? 0x0a : text.charCodeAt(index);
    if (lineStart && code !== 0x20 && code !== 0x09) {
      lineStart = false;
      lineStartsWithAt =
        code === 0x61 && text.charCodeAt(index + 1) === 0x74 && text.charCodeAt(index + 2) === 0x20;
    }
    if (isWordCode(code) || (code === 0x5f && length > 0)) {
      if (code === 0x5f) hasUnderscore = true;
      else if (code <= 0x5a && code >= 0x41 && previousCode >= 0x61 && previousCode <= 0x7a) hasCamel = true;
      if (length === 0) beforeWord = previousCode;
      lastLetter = code;
      const folded = fold(code);
      if (folded >= 0) {
        hash = Math.imul(hash ^ folded, FNV_PRIME);
        length++;
        if (length >= 3 && length <= longestStem && STEM_FILTER[hash & 4095] === 1) {
          const stem = STEMS.get(hash);
          if (stem !== undefined && stem > best) {
            best = stem;
            bestHash = hash;
          }
        }
      }
    } else {
      if (code === 0x28 && length > 0) calls++;
      if (length > 0) {
        const exact = EXACT.get(hash);
        if (exact !== undefined && exact > best) {
          best = exact;
          bestHash = hash;
        }
        if (best > 0 && !matched.includes(bestHash)) {
          matched.push(bestHash);
          phrasing += best;
          if (EVERYDAY.has(bestHash)) everyday += best;
        }
        if (hasUnderscore && length > 2) snake++;
        if (hasCamel) camel++;
        if (length === 1 && isVariableLetter(lastLetter) && !isApostrophe(beforeWord)) variables++;
        hash = WORD_START;
        length = 0;
        best = 0;
        hasUnderscore = false;
        hasCamel = false;
      }
      if (isCjk(code) && CJK_STARTERS.has(code)) phrasing += matchCjk(text, index);
      switch (code) {
        case 0x7b:
        case 0x7d:
        case 0x5b:
        case 0x5d:
        case 0x3b:
        case 0x3d:
        case 0x3c:
        case 0x3e:
        case 0x28:
        case 0x29:
        case 0x7c:
        case 0x26:
        case 0x5c:
          punctuation++;
          break;
        case 0x60:
          backticks++;
          break;
        case 0x40:
          lineHasAt = true;
          break;
        case 0x0a:
          if ((lineStartsWithAt || lineHasAt) && lineHasColonDigit) frames++;
          if (lastNonSpace === 0x3b || lastNonSpace === 0x7b || lastNonSpace === 0x7d) codeLines++;
          lineHasColonDigit = false;
          lineStartsWithAt = false;
          lineHasAt = false;
          lineStart = true;
          lastNonSpace = 0;
          break;
      }
      if (isOperator(previousCode, code)) operators++;
      if (previousCode === 0x3a && code >= 0x30 && code <= 0x39) lineHasColonDigit = true;
    }
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) lastNonSpace = code;
    previousCode = code;
  }

  const density = text.length > 0 ? punctuation / text.length : 0;
  if (punctuation >= 6 && density >= 0.04) syntax += 1.5;
  if (punctuation >= 6 && density >= 0.08) syntax += 1.5;
  syntax += Math.min(frames, 2) * 1.5;
  syntax += Math.min(codeLines, 3) * 0.7;
  syntax += Math.min(operators, 4) * 0.5;
  syntax += Math.min(calls, 4) * 0.5;
  syntax += Math.min(snake, 3) * 0.7;
  syntax += Math.min(camel, 3) * 0.5;
  syntax += Math.min(variables, 2) * 0.7;
  if (backticks >= 2) syntax += 1;
  const points = syntax + phrasing;
  return { score: points / (points + CODE_POINTS_THRESHOLD), syntax, phrasing, everyday };
}

/**
 * A lone Latin letter naming a value ("the list l", "n > 1"), which task descriptions use and prose does
 * not. Excludes letters that are words in English, French, Spanish or Italian (a, à, e, i, o, u, y).
 */
function isVariableLetter(code: number): boolean {
  if (code < 0x41 || code > 0x7a || (code > 0x5a && code < 0x61)) return false;
  const lower = code | 0x20;
  return (
    lower !== 0x61 && lower !== 0x65 && lower !== 0x69 && lower !== 0x6f && lower !== 0x75 && lower !== 0x79
  );
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

/** Two-character operators that prose rarely contains: => == != && || :: -> </ /> := += -=. */
function isOperator(previous: number, code: number): boolean {
  switch (code) {
    case 0x3e: // >
      return previous === 0x3d || previous === 0x2d || previous === 0x2f;
    case 0x3d: // =
      return (
        previous === 0x3d || previous === 0x21 || previous === 0x3a || previous === 0x2b || previous === 0x2d
      );
    case 0x26: // &
      return previous === 0x26;
    case 0x7c: // |
      return previous === 0x7c;
    case 0x3a: // :
      return previous === 0x3a;
    case 0x2f: // /
      return previous === 0x3c;
    default:
      return false;
  }
}

/** The weight of the longest CJK term starting at `start`, or 0. */
function matchCjk(text: string, start: number): number {
  let hash = WORD_START;
  let best = 0;
  for (let offset = 0; offset < longestCjk && start + offset < text.length; offset++) {
    const code = text.charCodeAt(start + offset);
    if (!isCjk(code)) break;
    hash = Math.imul(hash ^ code, FNV_PRIME);
    if (offset >= 1) best = Math.max(best, CJK.get(hash) ?? 0);
  }
  return best;
}
