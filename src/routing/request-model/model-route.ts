/**
 * How the request model's probabilities become a route: the thresholds, and the Arabizi policy.
 * @module
 */
import type { RequestClassification } from './classify-request.js';

/** The thresholds that turn the request model's probabilities into a route. */
export interface RequestThresholds {
  /** Probability of a coding request at which the turn goes to `code`. @default 0.5 */
  code: number;
  /**
   * Arabic-script text is Arabic when P(arabic) / (P(arabic) + P(general)) reaches this.
   * @default 0.3
   */
  arabic: number;
  /**
   * The same ratio for Latin-script text (Arabizi, "ana 3ayez a3raf"). Arabizi goes to `arabic` only when
   * the model is at least this sure: a false call sends a French or Malay speaker to the Arabic route's
   * instructions. @default 0.5
   */
  arabizi: number;
}

/** The default thresholds (see docs/routing.md for how they were chosen). */
export const DEFAULT_THRESHOLDS: Readonly<RequestThresholds> = Object.freeze({
  code: 0.5,
  arabic: 0.3,
  arabizi: 0.5,
});

/**
 * Latin-script text shorter than this many letters ("ok", "hi", "k") is never called Arabizi: two letters
 * say nothing about the language, and a wrong call moves a conversation to the Arabic route.
 */
export const MIN_ARABIZI_LETTERS = 3;

/** What the request model picks for one text. */
export interface ModelRoute {
  route: 'arabic' | 'code' | 'general';
  /** True when the text is Arabic (it may still go to `code` when it is a coding request). */
  arabic: boolean;
  /** P(arabic) / (P(arabic) + P(general)): how Arabic the text is, coding aside. */
  arabicScore: number;
  /** The threshold `arabicScore` was held to (Infinity for scripts that are never Arabic). */
  arabicThreshold: number;
  /** The majority script of the letters: `arabic`, `latin` (Arabizi possible) or `other`. */
  script: 'arabic' | 'latin' | 'other';
}

/** Picks `code`, `arabic` or `general` from a classification. */
export function modelRoute(result: RequestClassification, thresholds: RequestThresholds): ModelRoute {
  const { letters, counts } = result.scripts;
  const script =
    letters > 0 && counts.arabic / letters >= 0.5
      ? 'arabic'
      : letters > 0 && counts.latin / letters >= 0.5
        ? 'latin'
        : 'other';
  const arabicScore = result.arabic / (result.arabic + result.general);
  const arabicThreshold =
    script === 'arabic'
      ? thresholds.arabic
      : script === 'latin' && letters >= MIN_ARABIZI_LETTERS
        ? thresholds.arabizi
        : Number.POSITIVE_INFINITY;
  const arabic = arabicScore >= arabicThreshold;
  const route = result.code >= thresholds.code ? 'code' : arabic ? 'arabic' : 'general';
  return { route, arabic, arabicScore, arabicThreshold, script };
}
