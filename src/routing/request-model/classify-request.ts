/**
 * The request model: a linear model over hashed character n-grams, words and hand-written features that
 * gives each text a probability of being Arabic, a coding request or general. Trained by
 * `scripts/train-routing.ts` on the routing development set; see docs/routing.md.
 * @module
 */
import type { ScriptCounts } from '../detect-script.js';
import type { DenseEvidence } from './dense-features.js';
import { loadRequestModel, type RequestModel } from './load-model.js';
import { type RequestFeatures, requestFeatures } from './request-features.js';
import { COLUMNS } from './weight-codec.js';

/** The request model's answer for one text. */
export interface RequestClassification {
  /** Probability that the text is Arabic (any variety, Arabic script or Arabizi). */
  arabic: number;
  /** Probability that the text is a coding request. */
  code: number;
  /** Probability that it is neither. */
  general: number;
  scripts: ScriptCounts;
  evidence: DenseEvidence;
}

/** The Arabic and code logits of computed features (the general logit is 0). */
export function requestLogits(features: RequestFeatures, model: RequestModel): [number, number] {
  const { hashed, dense } = features;
  const weights = model.hashed;
  let charArabic = 0;
  let charCode = 0;
  for (let index = 0; index < hashed.chars; index++) {
    const row = (hashed.charBuckets[index] as number) * COLUMNS;
    charArabic += weights[row] as number;
    charCode += weights[row + 1] as number;
  }
  let wordArabic = 0;
  let wordCode = 0;
  for (let index = 0; index < hashed.words; index++) {
    const row = (hashed.wordBuckets[index] as number) * COLUMNS;
    wordArabic += weights[row] as number;
    wordCode += weights[row + 1] as number;
  }
  const charNorm = hashed.chars > 0 ? model.scale / Math.sqrt(hashed.chars) : 0;
  const wordNorm = hashed.words > 0 ? model.scale / Math.sqrt(hashed.words) : 0;
  let arabic = model.bias[0] + charArabic * charNorm + wordArabic * wordNorm;
  let code = model.bias[1] + charCode * charNorm + wordCode * wordNorm;
  for (let index = 0; index < dense.length; index++) {
    const value = dense[index] as number;
    if (value === 0) continue;
    arabic += value * (model.dense[index * COLUMNS] as number);
    code += value * (model.dense[index * COLUMNS + 1] as number);
  }
  return [arabic, code];
}

/** Classifies one user text as Arabic, a coding request or general, with probabilities. */
export function classifyRequest(text: string): RequestClassification {
  return classifyWith(text, loadRequestModel());
}

/** {@link classifyRequest} with a given model (a freshly trained one, in the training script). */
export function classifyWith(text: string, model: RequestModel): RequestClassification {
  const features = requestFeatures(text);
  const [arabic, code] = requestLogits(features, model);
  const top = Math.max(arabic, code, 0);
  const expArabic = Math.exp(arabic - top);
  const expCode = Math.exp(code - top);
  const expGeneral = Math.exp(-top);
  const sum = expArabic + expCode + expGeneral;
  return {
    arabic: expArabic / sum,
    code: expCode / sum,
    general: expGeneral / sum,
    scripts: features.scripts,
    evidence: features.evidence,
  };
}
