/**
 * Script statistics: counts letters by Unicode script block in one pass, without allocating per character.
 * @module
 */

/** The scripts dragoman tells apart. Anything else that is a letter counts as `other`. */
export type ScriptName =
  | 'arabic'
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'hebrew'
  | 'devanagari'
  | 'bengali'
  | 'tamil'
  | 'han'
  | 'kana'
  | 'hangul'
  | 'thai'
  | 'other';

/** Letter counts by script for one text. */
export interface ScriptCounts {
  /** All letters counted (digits, punctuation, spaces and emoji are not letters). */
  letters: number;
  counts: Record<ScriptName, number>;
}

/** The script of one UTF-16 code unit, or `undefined` for non-letters. Surrogates count as `other`. */
export function scriptOf(code: number): ScriptName | undefined {
  if (code < 0x80) {
    return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 'latin' : undefined;
  }
  if (code < 0x250) return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 ? 'latin' : undefined;
  if (code >= 0x600 && code <= 0x6ff) return isArabicLetterCode(code) ? 'arabic' : undefined;
  if (code >= 0x400 && code <= 0x52f) return 'cyrillic';
  if (code >= 0x370 && code <= 0x3ff) return 'greek';
  if (code >= 0x590 && code <= 0x5ff) return code >= 0x5d0 ? 'hebrew' : undefined;
  if ((code >= 0x750 && code <= 0x77f) || (code >= 0x8a0 && code <= 0x8ff)) return 'arabic';
  if (code >= 0xfb50 && code <= 0xfdff) return 'arabic';
  if (code >= 0xfe70 && code <= 0xfeff) return code === 0xfeff ? undefined : 'arabic';
  if (code >= 0x900 && code <= 0x97f) return 'devanagari';
  if (code >= 0x980 && code <= 0x9ff) return 'bengali';
  if (code >= 0xb80 && code <= 0xbff) return 'tamil';
  if (code >= 0xe00 && code <= 0xe7f) return 'thai';
  if (code >= 0x1e00 && code <= 0x1eff) return 'latin';
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) return 'han';
  if (code >= 0x3040 && code <= 0x30ff) return 'kana';
  if (code >= 0xac00 && code <= 0xd7af) return 'hangul';
  if (code >= 0xd800 && code <= 0xdfff) return undefined;
  if (code >= 0x2000 && code <= 0x2bff) return undefined; // punctuation, symbols, arrows, dingbats
  if (code >= 0x3000 && code <= 0x303f) return undefined; // CJK punctuation
  if (code >= 0xff00 && code <= 0xffef) return undefined; // full-width forms
  return 'other';
}

/** True for Arabic-block code units that are letters (not digits, punctuation, marks or tatweel). */
function isArabicLetterCode(code: number): boolean {
  if (code >= 0x620 && code <= 0x63f) return true;
  if (code >= 0x641 && code <= 0x64a) return true;
  if (code >= 0x66e && code <= 0x6d3) return code !== 0x6d4;
  if (code === 0x6d5 || code === 0x6ee || code === 0x6ef) return true;
  return code >= 0x6fa && code <= 0x6ff;
}

/** Script names by index, for counting into a typed array. */
const SCRIPT_NAMES: readonly ScriptName[] = [
  'arabic',
  'latin',
  'cyrillic',
  'greek',
  'hebrew',
  'devanagari',
  'bengali',
  'tamil',
  'han',
  'kana',
  'hangul',
  'thai',
  'other',
];
const SCRIPT_INDEX = new Map<ScriptName, number>(SCRIPT_NAMES.map((name, index) => [name, index]));

/** Scripts of the first code units (to the end of the Arabic block) by index in {@link SCRIPT_NAMES}; 255: not a letter. */
const TABLE_SIZE = 0x700;
const SCRIPT_OF = new Uint8Array(TABLE_SIZE);
for (let code = 0; code < TABLE_SIZE; code++) SCRIPT_OF[code] = scriptIndex(code);

function scriptIndex(code: number): number {
  const script = scriptOf(code);
  return script === undefined ? 255 : (SCRIPT_INDEX.get(script) as number);
}

/** Per-script counts, reused by every call (counting is synchronous). */
const TALLY = new Uint32Array(SCRIPT_NAMES.length);

/** Counts the letters of `text` by script. */
export function countScripts(text: string): ScriptCounts {
  const tally = TALLY.fill(0);
  let letters = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const script = code < TABLE_SIZE ? (SCRIPT_OF[code] as number) : scriptIndex(code);
    if (script === 255) continue;
    tally[script] = (tally[script] as number) + 1;
    letters++;
  }
  const counts = {} as Record<ScriptName, number>;
  for (const [index, name] of SCRIPT_NAMES.entries()) counts[name] = tally[index] as number;
  return { letters, counts };
}

/** The non-zero script shares (0..1, two decimals) of a count, for logging in route signals. */
export function scriptShares(counts: ScriptCounts): Record<string, number> {
  const shares: Record<string, number> = {};
  if (counts.letters === 0) return shares;
  for (const name of SCRIPT_NAMES) {
    const count = counts.counts[name];
    if (count > 0) shares[name] = Math.round((count / counts.letters) * 100) / 100;
  }
  return shares;
}
