/**
 * The request model's hand-written features: script shares, the Arabic-script discriminator's evidence
 * by language, and the code detector's syntax and phrasing points. They carry what the development set
 * cannot teach (code words in languages it lacks, letters of orthographies it barely shows), and the
 * learned weights decide how much each counts.
 * @module
 */

import { arabicScriptEvidence } from '../arabic-script-language.js';
import { detectCodeIntent } from '../code-intent.js';
import type { ScriptCounts } from '../detect-script.js';
import { arabiziEvidence } from './arabizi-evidence.js';

/** Names of the dense features, in order; `explain()` reports them by these names. */
export const DENSE_FEATURE_NAMES = [
  'Arabic-script share',
  'Latin-script share',
  'Han/kana share',
  'other-script share',
  'Arabic letters and words',
  'Persian letters and words',
  'Urdu letters and words',
  'Pashto letters',
  'Uyghur/Kurdish/Sindhi letters',
  'Persian/Urdu/Pashto letters',
  'Jawi letters and words',
  'code words',
  'code syntax',
  'length',
  'short text (<= 20 characters)',
  'Arabic script without a clue',
  'Arabizi digits in words',
  'Arabizi dialect words',
  'Arabic vowel marks',
  'code words with an everyday sense',
  'everyday code words beside other code evidence',
  'keyword detector says code',
  'keyword detector says code, in Arabic script',
] as const;

/** Number of dense features. */
export const DENSE_COUNT = DENSE_FEATURE_NAMES.length;
const FIRST_SIDE = 4;
const SIDE_COUNT = 7;
const SHORT_TEXT = 20;

/** What the dense features were computed from, for `explain()` and the route signals. */
export interface DenseEvidence {
  /** Discriminator evidence by side, when the text has Arabic-script letters. */
  arabicSides?: number[];
  codeSyntax: number;
  codePhrasing: number;
  /** Latin words with Arabizi letter-digits (3 for ع, 7 for ح ...), when the text has Latin letters. */
  arabiziDigitWords?: number;
  /** Arabizi dialect words, when the text has Latin letters. */
  arabiziWords?: number;
}

/** Fills `out` (length {@link DENSE_COUNT}) with the dense features of `text`. */
export function denseFeatures(text: string, scripts: ScriptCounts, out: Float32Array): DenseEvidence {
  const letters = scripts.letters;
  const share = (count: number) => (letters === 0 ? 0 : count / letters);
  const { counts } = scripts;
  const arabicShare = share(counts.arabic);
  out[0] = arabicShare;
  out[1] = share(counts.latin);
  out[2] = share(counts.han + counts.kana);
  out[3] = letters === 0 ? 0 : 1 - out[0] - out[1] - out[2];
  const evidence: DenseEvidence = { codeSyntax: 0, codePhrasing: 0 };
  let total = 0;
  if (counts.arabic > 0) {
    const sides = arabicScriptEvidence(text);
    evidence.arabicSides = sides;
    for (let side = 0; side < SIDE_COUNT; side++) {
      const value = sides[side] as number;
      total += value;
      out[FIRST_SIDE + side] = Math.log1p(value) * arabicShare;
    }
  } else {
    out.fill(0, FIRST_SIDE, FIRST_SIDE + SIDE_COUNT);
  }
  const code = detectCodeIntent(text);
  evidence.codeSyntax = code.syntax;
  evidence.codePhrasing = code.phrasing;
  out[11] = Math.log1p(code.phrasing);
  // The same words again, so their weight can differ: "python" alone is not a coding request.
  out[19] = Math.log1p(code.everyday);
  out[20] = code.phrasing - code.everyday + code.syntax >= 1 ? out[19] : 0;
  out[21] = code.score >= 0.5 ? 1 : 0;
  out[22] = out[21] * arabicShare;
  out[12] = Math.log1p(code.syntax);
  out[13] = Math.log2(1 + text.length) / 12;
  out[14] = text.length <= SHORT_TEXT ? 1 : 0;
  out[15] = arabicShare >= 0.5 && total === 0 ? 1 : 0;
  out[18] = counts.arabic > 0 ? Math.log1p(countVowelMarks(text)) * arabicShare : 0;
  if (counts.latin > 0) {
    const arabizi = arabiziEvidence(text);
    evidence.arabiziDigitWords = arabizi.digitWords;
    evidence.arabiziWords = arabizi.dialectWords;
    out[16] = Math.log1p(arabizi.digitWords) * out[1];
    out[17] = Math.log1p(arabizi.dialectWords) * out[1];
  } else {
    out[16] = 0;
    out[17] = 0;
  }
  return evidence;
}

const FATHA = 0x64e;
const SUKUN = 0x652;

/** Short-vowel marks, shadda and sukun: Arabic writes them (proverbs, verse, teaching); its neighbours rarely. */
function countVowelMarks(text: string): number {
  let marks = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= FATHA && code <= SUKUN) marks++;
  }
  return marks;
}
