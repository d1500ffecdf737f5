/**
 * Every feature the request model reads from one text: the hashed n-grams and words plus the dense,
 * hand-written ones. Training and routing both call this, so they see exactly the same inputs.
 * @module
 */
import { countScripts, type ScriptCounts } from '../detect-script.js';
import { DENSE_COUNT, type DenseEvidence, denseFeatures } from './dense-features.js';
import { createHashedFeatures, type HashedFeatures, hashFeatures } from './hash-features.js';

/** The request model's inputs for one text. The typed arrays are reused by the next call. */
export interface RequestFeatures {
  hashed: HashedFeatures;
  dense: Float32Array;
  scripts: ScriptCounts;
  evidence: DenseEvidence;
}

const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFC]/;
const sharedHashed = createHashedFeatures();
const sharedDense = new Float32Array(DENSE_COUNT);

/**
 * Computes the features of `text` into shared buffers (valid until the next call; copy what you keep).
 * The script counts and evidence are fresh objects.
 */
export function requestFeatures(raw: string): RequestFeatures {
  // Arabic presentation forms (ﻗﺒﻞ, from old encodings and some keyboards) read as the letters they show.
  const text = PRESENTATION_FORMS.test(raw) ? raw.normalize('NFKC') : raw;
  const scripts = countScripts(text);
  const evidence = denseFeatures(text, scripts, sharedDense);
  return { hashed: hashFeatures(text, sharedHashed), dense: sharedDense, scripts, evidence };
}
