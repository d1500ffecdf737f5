/**
 * The character folding the request model reads text through: case folded, Arabic diacritics and
 * tatweel dropped, hamza-seated alefs folded to a bare alef, every run of spaces one space.
 * @module
 */

/** Returned by {@link foldCode} for a code unit the model skips (diacritics, tatweel, low surrogates). */
export const SKIP = -1;
/** Returned by {@link foldCode} for white space; the extractor collapses runs of it to one. */
export const SPACE = 0x20;
/** Stands for any character outside the Basic Multilingual Plane (emoji, rare CJK). */
export const ASTRAL = 0xfffc;

const LATIN_CAPITAL_A = 0x41;
const LATIN_CAPITAL_Z = 0x5a;
const CASE_OFFSET = 0x20;
const TAB = 0x09;
const CARRIAGE_RETURN = 0x0d;
const NO_BREAK_SPACE = 0xa0;
const ALEF = 0x627;
const ALEF_HAMZA_ABOVE = 0x623;
const ALEF_HAMZA_BELOW = 0x625;
const ALEF_WASLA = 0x671;
const TATWEEL = 0x640;
const FATHATAN = 0x64b;
const SUKUN = 0x652;
const SUPERSCRIPT_ALEF = 0x670;
const HIGH_SURROGATE_FIRST = 0xd800;
const LOW_SURROGATE_FIRST = 0xdc00;
const LOW_SURROGATE_LAST = 0xdfff;

/**
 * Folds one UTF-16 code unit for the request model. Keeps what tells languages apart: Persian yeh and
 * keheh stay distinct from Arabic yeh and kaf, alef madda (Persian آ) stays, digits stay (Arabizi writes
 * ع as 3 and ح as 7). Tanwin marks are dropped here; the Arabic discriminator counts them separately.
 */
export function foldCode(code: number): number {
  if (code < 0x80) {
    if (code >= LATIN_CAPITAL_A && code <= LATIN_CAPITAL_Z) return code + CASE_OFFSET;
    if (code <= SPACE && (code === SPACE || (code >= TAB && code <= CARRIAGE_RETURN))) return SPACE;
    return code;
  }
  if (code === NO_BREAK_SPACE || (code >= 0x2000 && code <= 0x200b) || code === 0x3000) return SPACE;
  if (code >= 0xc0 && code <= 0xde && code !== 0xd7) return code + CASE_OFFSET; // Latin-1 capitals
  if (code >= 0x410 && code <= 0x42f) return code + CASE_OFFSET; // Cyrillic А-Я
  if (code >= 0x400 && code <= 0x40f) return code + 0x50; // Cyrillic Ѐ-Џ
  if (code >= 0x391 && code <= 0x3a9) return code + CASE_OFFSET; // Greek capitals
  if (code === ALEF_HAMZA_ABOVE || code === ALEF_HAMZA_BELOW || code === ALEF_WASLA) return ALEF;
  if ((code >= FATHATAN && code <= SUKUN) || code === SUPERSCRIPT_ALEF || code === TATWEEL) return SKIP;
  if (code >= HIGH_SURROGATE_FIRST && code <= LOW_SURROGATE_LAST) {
    return code >= LOW_SURROGATE_FIRST ? SKIP : ASTRAL;
  }
  return code;
}

/** True for code units that join a word: letters, digits and `_`, in any script but Han and kana. */
export function isWordCode(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x5f ||
      (code >= 0x41 && code <= 0x5a)
    );
  }
  if (code < 0xc0) return false;
  if (code >= 0x2000 && code <= 0x2bff) return code === 0x200c; // punctuation and symbols; ZWNJ joins
  if (code >= 0x3000 && code <= 0x9fff) return false; // CJK punctuation, kana, Han
  if (code >= 0x600 && code <= 0x6ff) return isArabicWordCode(code);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code < 0xfe30 || code > 0xffef; // not CJK compatibility or full-width forms
}

/** Arabic-block letters and digits; not the Arabic comma, semicolon, question mark or full stop. */
function isArabicWordCode(code: number): boolean {
  return (
    code !== 0x60c &&
    code !== 0x61b &&
    code !== 0x61f &&
    code !== 0x6d4 &&
    code !== 0x66a &&
    code !== 0x66b &&
    code !== 0x66c &&
    code !== 0x6dd &&
    code !== 0x6de
  );
}
