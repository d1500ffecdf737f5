/**
 * Which evidence moved the request model, for `explain()`: the named features and the words that
 * pushed a text toward the route it got (or, for `general`, away from the strongest other route).
 * @module
 */

import { requestLogits } from './classify-request.js';
import { DENSE_FEATURE_NAMES } from './dense-features.js';
import { createHashedFeatures, hashFeatures } from './hash-features.js';
import { loadRequestModel } from './load-model.js';
import { requestFeatures } from './request-features.js';
import { COLUMNS } from './weight-codec.js';

/** One piece of evidence and how much it moved the score (logit units; positive = toward the route). */
export interface Evidence {
  feature: string;
  weight: number;
}

const single = createHashedFeatures();

/** The strongest pieces of evidence for `route` in `text` (those that pushed toward it), strongest first. */
export function explainRequest(text: string, route: string, count = 5): Evidence[] {
  const model = loadRequestModel();
  const features = requestFeatures(text);
  const dense = Array.from(features.dense);
  const words = features.hashed.words;
  const chars = features.hashed.chars;
  const charBuckets = Array.from(features.hashed.charBuckets.subarray(0, chars));
  // General has logit 0: its evidence is what pushed the other two down, read from the stronger of them.
  const [arabic, code] = requestLogits(features, model);
  const column = route === 'arabic' ? 0 : route === 'code' ? 1 : arabic >= code ? 0 : 1;
  const columns = [column];
  const sign = route === 'arabic' || route === 'code' ? 1 : -1;
  const found: Evidence[] = [];
  for (const at of columns) {
    dense.forEach((value, index) => {
      const weight = value * (model.dense[index * COLUMNS + at] as number) * sign;
      if (value !== 0) found.push({ feature: DENSE_FEATURE_NAMES[index] as string, weight });
    });
    let charSum = 0;
    for (const bucket of charBuckets) charSum += model.hashed[bucket * COLUMNS + at] as number;
    found.push({
      feature: 'character n-grams',
      weight: (charSum * model.scale * sign) / Math.sqrt(chars || 1),
    });
    const seen = new Set<string>();
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}_]+/u)) {
      if (word.length === 0 || seen.has(word)) continue;
      seen.add(word);
      const bucket = hashFeatures(word, single).wordBuckets[0] as number;
      const weight =
        ((model.hashed[bucket * COLUMNS + at] as number) * model.scale * sign) / Math.sqrt(words || 1);
      if (weight !== 0) found.push({ feature: `word "${word}"`, weight });
    }
  }
  return found
    .filter((piece) => piece.weight >= 0.05)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, count)
    .map((piece) => ({ feature: piece.feature, weight: Math.round(piece.weight * 100) / 100 }));
}
