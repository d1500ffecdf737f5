import { countScriptClasses, SCRIPT_CLASSES } from './script-classes.js';
import { RATE_VECTOR } from './script-rates.js';

/**
 * Estimates Tekken tokens in a text without the tokenizer: characters are counted per Unicode script and
 * weighted by fitted tokens-per-character rates. Rounds up; an empty text costs 0.
 */
export function estimateTextTokens(text: string, rates: Float64Array = RATE_VECTOR): number {
  if (text.length === 0) return 0;
  const counts = countScriptClasses(text, new Float64Array(SCRIPT_CLASSES.length));
  let total = 0;
  for (let index = 0; index < counts.length; index++) total += (counts[index] ?? 0) * (rates[index] ?? 1);
  return Math.max(1, Math.ceil(total));
}
