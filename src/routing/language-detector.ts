import type { RouteSignals } from './types.js';

/**
 * Names the language of a text, for `languages` conditions in custom route rules. Plug in a full language
 * identifier (e.g. one wrapping `eld` or `franc`) to route Latin-script languages apart.
 */
export interface LanguageDetector {
  /** An ISO 639 code (`ar`, `fa`, `fr`, ...), or `undefined` when unsure. */
  detect(text: string, signals: RouteSignals): string | undefined;
}

const SCRIPT_LANGUAGES: Record<string, string> = {
  han: 'zh',
  kana: 'ja',
  hangul: 'ko',
  hebrew: 'he',
  greek: 'el',
  thai: 'th',
  bengali: 'bn',
  tamil: 'ta',
  devanagari: 'hi',
  cyrillic: 'ru',
};

/**
 * The built-in detector: knows scripts, not Latin-script languages. Arabic script gives the
 * discriminator's answer (`ar`, `fa`, `ur`, `ps`, or `undefined` for other); Japanese wins over Chinese
 * when any kana is present; Cyrillic answers `ru` and Devanagari `hi` (the most common languages of those
 * scripts); Latin text answers `undefined`.
 */
export const scriptLanguageDetector: LanguageDetector = {
  detect(_text, signals) {
    if (signals.arabicScriptLanguage) {
      return signals.arabicScriptLanguage === 'other' ? undefined : signals.arabicScriptLanguage;
    }
    if ((signals.scripts.kana ?? 0) > 0) return 'ja';
    let best: string | undefined;
    let bestShare = 0;
    for (const [script, share] of Object.entries(signals.scripts)) {
      if (share > bestShare) {
        bestShare = share;
        best = script;
      }
    }
    return best === undefined ? undefined : SCRIPT_LANGUAGES[best];
  },
};
