/**
 * The character classes the estimator tells apart; each has its own tokens-per-character rate. The last,
 * `word`, is not a character class: it counts word starts (a letter after a non-letter), since most scripts
 * cost a roughly fixed amount per word on top of their per-character rate.
 */
export const SCRIPT_CLASSES = [
  'latin',
  'cyrillic',
  'greek',
  'arabic',
  'arabicExtended',
  'arabicRare',
  'hebrew',
  'devanagari',
  'bengali',
  'tamil',
  'indic',
  'thai',
  'han',
  'kana',
  'hangul',
  'digit',
  'space',
  'punctuation',
  'other',
  'word',
] as const;

/** One of {@link SCRIPT_CLASSES}. */
export type ScriptClass = (typeof SCRIPT_CLASSES)[number];

const INDEX: Record<ScriptClass, number> = Object.fromEntries(
  SCRIPT_CLASSES.map((name, index) => [name, index]),
) as Record<ScriptClass, number>;

/** Index of {@link ScriptClass} `name` in {@link SCRIPT_CLASSES}. */
export function scriptIndex(name: ScriptClass): number {
  return INDEX[name];
}

const PERSIAN_URDU_LETTERS = new Set([
  0x67e, 0x686, 0x698, 0x6a9, 0x6af, 0x6cc, 0x6c0, 0x6c1, 0x6c3, 0x6d2, 0x6d3, 0x6ba, 0x6be, 0x679, 0x688,
  0x691, 0x6d4,
]);

/**
 * The class of one code point, by Unicode block (a cheap range test, no regex): letters of a script, ASCII
 * and other digits, whitespace, punctuation and symbols.
 */
export function classifyCodePoint(code: number): number {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return INDEX.latin;
    if (code >= 0x30 && code <= 0x39) return INDEX.digit;
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return INDEX.space;
    return INDEX.punctuation;
  }
  if (code < 0x250) return code === 0xa0 ? INDEX.space : code < 0xc0 ? INDEX.punctuation : INDEX.latin;
  if (code >= 0x370 && code < 0x400) return INDEX.greek;
  if (code >= 0x400 && code < 0x530) return INDEX.cyrillic;
  if (code >= 0x590 && code < 0x600) return INDEX.hebrew;
  if (code >= 0x660 && code <= 0x669) return INDEX.digit;
  // Core Arabic letters and marks; the letters Persian and Urdu add (پ چ ژ گ ک ی ے ں ہ ٹ ...); and the rest
  // (Pashto, Uyghur, Sindhi ...). Tekken merges each group less than the one before, so each has its own rate.
  if (code >= 0x6f0 && code <= 0x6f9) return INDEX.digit;
  if (code >= 0x600 && code < 0x671) return INDEX.arabic;
  if (PERSIAN_URDU_LETTERS.has(code)) return INDEX.arabicExtended;
  if ((code >= 0x671 && code < 0x780) || (code >= 0x8a0 && code < 0x900)) return INDEX.arabicRare;
  if (code >= 0x900 && code < 0x980) return INDEX.devanagari;
  if (code >= 0x980 && code < 0xa00) return INDEX.bengali;
  if (code >= 0xb80 && code < 0xc00) return INDEX.tamil;
  if (code >= 0xa00 && code < 0xe00) return INDEX.indic;
  if (code >= 0xe00 && code < 0xe80) return INDEX.thai;
  if (code >= 0x1e00 && code < 0x1f00) return INDEX.latin;
  if (code >= 0x2000 && code < 0x2070) return code <= 0x200a ? INDEX.space : INDEX.punctuation;
  if (code >= 0x3040 && code < 0x3100) return INDEX.kana;
  if ((code >= 0x3400 && code < 0xa000) || (code >= 0xf900 && code < 0xfb00)) return INDEX.han;
  if (code >= 0xac00 && code < 0xd7b0) return INDEX.hangul;
  if (code >= 0x3000 && code < 0x3040) return INDEX.punctuation;
  if ((code >= 0xfb50 && code < 0xfe00) || (code >= 0xfe70 && code < 0xff00)) return INDEX.arabic;
  if (code >= 0xff00 && code < 0xfff0) return INDEX.punctuation;
  return INDEX.other;
}

const LAST_LETTER_CLASS = INDEX.hangul;

/**
 * Counts the characters of `text` per class, and its word starts, into `into` (length
 * {@link SCRIPT_CLASSES}.length).
 */
export function countScriptClasses(text: string, into: Float64Array): Float64Array {
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code < 0xdc00 && index + 1 < text.length) {
      code = text.codePointAt(index) ?? code;
      index++;
    }
    const kind = classifyCodePoint(code);
    into[kind]! += 1;
    const isLetter = kind <= LAST_LETTER_CLASS;
    if (isLetter && !inWord) into[INDEX.word]! += 1;
    inWord = isLetter;
  }
  return into;
}
