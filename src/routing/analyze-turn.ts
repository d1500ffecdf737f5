import { guessFromEvidence } from './arabic-script-language.js';
import { isFollowUp } from './detect-follow-up.js';
import { scriptShares } from './detect-script.js';
import { classifyRequest, type RequestClassification } from './request-model/classify-request.js';
import {
  DEFAULT_THRESHOLDS,
  type ModelRoute,
  modelRoute,
  type RequestThresholds,
} from './request-model/model-route.js';
import type { RouteSignals } from './types.js';

/** What one user turn contains, for {@link analyzeTurn}. */
export interface TurnContent {
  text: string;
  images: number;
  needsTools: boolean;
}

/** The signals of a turn plus the request model's answer behind them. */
export interface TurnAnalysis {
  signals: RouteSignals;
  request: RequestClassification;
  /** The route the request model picks (before follow-ups, rules, images and capabilities). */
  model: ModelRoute;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** {@link analyzeTurn} with the request model's answer kept, for the policy and `explain()`. */
export function analyzeTurnDetails(
  turn: TurnContent,
  thresholds: RequestThresholds = DEFAULT_THRESHOLDS,
): TurnAnalysis {
  const request = classifyRequest(turn.text);
  const model = modelRoute(request, thresholds);
  const signals: RouteSignals = {
    images: turn.images,
    scripts: scriptShares(request.scripts),
    codeScore: round(request.code),
    arabicScore: round(model.arabicScore),
    followUp: isFollowUp(turn.text),
    needsTools: turn.needsTools,
  };
  if (model.script === 'arabic') {
    const sides = request.evidence.arabicSides;
    const guess = sides ? guessFromEvidence(sides).language : 'other';
    signals.arabicScriptLanguage = model.arabic ? 'ar' : guess === 'ar' ? 'other' : guess;
  } else if (model.script === 'latin' && model.arabic) {
    signals.arabizi = true;
  }
  return { signals, request, model };
}

/**
 * Computes the route signals of one user turn: script shares, the request model's code and Arabic
 * scores, the Arabic-script language (when Arabic script holds the majority of letters), Arabizi, and
 * whether it is a short follow-up.
 */
export function analyzeTurn(turn: TurnContent, thresholds?: RequestThresholds): RouteSignals {
  return analyzeTurnDetails(turn, thresholds).signals;
}
