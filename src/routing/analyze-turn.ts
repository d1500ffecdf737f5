import { detectCodeIntent } from './detect-code.js';
import { isFollowUp } from './detect-follow-up.js';
import { scriptShares } from './detect-script.js';
import { languageEvidence } from './is-arabic.js';
import type { RouteSignals } from './types.js';

/** What one user turn contains, for {@link analyzeTurn}. */
export interface TurnContent {
  text: string;
  images: number;
  needsTools: boolean;
}

/**
 * Computes the route signals of one user turn: script shares, the Arabic-script language (when Arabic
 * script holds the majority of letters), the code-intent score and whether it is a short follow-up.
 */
export function analyzeTurn(turn: TurnContent): RouteSignals {
  const evidence = languageEvidence(turn.text);
  const signals: RouteSignals = {
    images: turn.images,
    scripts: scriptShares(evidence.scripts),
    codeScore: Math.round(detectCodeIntent(turn.text).score * 100) / 100,
    followUp: isFollowUp(turn.text),
    needsTools: turn.needsTools,
  };
  if (evidence.arabicScript) signals.arabicScriptLanguage = evidence.arabicScript.language;
  return signals;
}
