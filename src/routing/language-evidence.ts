import { type ArabicScriptGuess, detectArabicScript } from './arabic-script-language.js';
import { countScripts, type ScriptCounts } from './detect-script.js';

/** Share of letters that must be Arabic script before the discriminator is asked. */
export const ARABIC_SCRIPT_MAJORITY = 0.5;

/** Script counts plus, when Arabic script is the majority, the discriminator's guess. */
export interface LanguageEvidence {
  scripts: ScriptCounts;
  arabicScript?: ArabicScriptGuess;
}

/** Counts scripts and runs the Arabic discriminator when Arabic script holds the majority of letters. */
export function languageEvidence(text: string): LanguageEvidence {
  const scripts = countScripts(text);
  if (scripts.letters === 0 || scripts.counts.arabic / scripts.letters < ARABIC_SCRIPT_MAJORITY) {
    return { scripts };
  }
  return { scripts, arabicScript: detectArabicScript(text) };
}

/** True when `text` is Arabic (any variety) rather than another language, in Arabic script or not. */
export function isArabicText(text: string): boolean {
  return languageEvidence(text).arabicScript?.language === 'ar';
}
