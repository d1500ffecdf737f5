/**
 * The request model's fitting: multinomial logistic regression over the hashed features (FTRL-Proximal
 * with L1, which zeroes most rows) and the hand-written dense features (AdaGrad), then averaged: each run
 * averages its weights over its last epochs, and `PARAMS.bag` runs with different seeds (shuffles and
 * dense-only draws) are averaged into one model. An average of linear models is one linear model, so the
 * router pays nothing for it; it only cuts the seed-to-seed variance. Used by scripts/train-routing.ts.
 */
import { DENSE_COUNT } from '../src/routing/request-model/dense-features.js';
import { BUCKET_BITS, BUCKETS } from '../src/routing/request-model/hash-features.js';
import { requestFeatures } from '../src/routing/request-model/request-features.js';
import { encodeHashed, type SerializedRequestModel } from '../src/routing/request-model/weight-codec.js';
import type { Expect, LabeledText } from './routing-data.js';

/** The model's classes, in logit order. */
export const LABELS: readonly Expect[] = ['arabic', 'code', 'general'];
const K = 3;

/** Training hyperparameters (chosen with `--cv`; see docs/routing.md). */
export const PARAMS = {
  epochs: 12,
  rate: 0.2,
  l2: 1e-6,
  /** Share of examples seen without their hashed features, so the dense features learn to stand alone. */
  denseOnly: 0.3,
  /** Sample weights by set: the langid fixture is mostly single words in 12 languages. */
  setWeight: { dev: 1, langid: 0.05, 'code-intent': 1 } as Record<LabeledText['set'], number>,
  /**
   * Rows whose largest weight is below this are not shipped. Averaged runs leave many small rows (any run's
   * row survives); 0.22 drops those a single byte step would round to +-1, and ties the full model in CV.
   */
  prune: 0.22,
  /** FTRL-Proximal for the hashed weights: learning rate, its smoothing, and the L1 that zeroes rows. */
  alpha: 4,
  beta: 1,
  l1: 0.1,
  /** Extra weight of Arabic examples: Arabic recall is the strictest target. */
  arabicWeight: 2,
  seed: 15,
  /** Extra weight of coding requests written in Arabic script (rare in the data, and Arabic wins them). */
  arabicCodeWeight: 1,
  /** Runs with different seeds averaged into the shipped model (1: a single run). */
  bag: 5,
  /** Each run's weights are averaged over the ends of its last `average` epochs (1: the last only). */
  average: 1,
};

/** One featurized training text. */
export interface Example {
  chars: Int32Array;
  words: Int32Array;
  dense: Float32Array;
  label: number;
  weight: number;
}

/** Dense features left out while comparing feature sets (`DROP_DENSE=19,20 npm run train:routing -- --cv`). */
const DROPPED = (process.env.DROP_DENSE ?? '').split(',').filter(Boolean).map(Number);

/** Computes a row's features and sample weight. */
export function featurize(row: LabeledText): Example {
  const features = requestFeatures(row.text);
  for (const index of DROPPED) features.dense[index] = 0;
  return {
    chars: features.hashed.charBuckets.slice(0, features.hashed.chars),
    words: features.hashed.wordBuckets.slice(0, features.hashed.words),
    dense: features.dense.slice(),
    label: LABELS.indexOf(row.expect),
    weight:
      PARAMS.setWeight[row.set] *
      (row.expect === 'arabic' ? PARAMS.arabicWeight : 1) *
      (row.expect === 'code' && (features.dense[0] as number) >= 0.5 ? PARAMS.arabicCodeWeight : 1),
  };
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

/** Weights relative to the general column (general logit = 0), as floats. */
interface RelativeWeights {
  hashed: Float32Array;
  dense: Float64Array;
  bias: Float64Array;
}

const emptyWeights = (): RelativeWeights => ({
  hashed: new Float32Array(BUCKETS * 2),
  dense: new Float64Array(DENSE_COUNT * 2),
  bias: new Float64Array(2),
});

/** One run of stochastic training with `seed`; adds its (tail-averaged) weights times `share` to `sum`. */
function trainRun(examples: Example[], epochs: number, seed: number, share: number, sum: RelativeWeights) {
  // FTRL-Proximal state per hashed weight: z (adjusted gradient sum) and n (squared gradient sum).
  const ftrlZ = new Float32Array(BUCKETS * K);
  const ftrlN = new Float32Array(BUCKETS * K);
  const weightAt = (at: number): number => {
    const zValue = ftrlZ[at] as number;
    if (Math.abs(zValue) <= PARAMS.l1) return 0;
    const shrunk = zValue - Math.sign(zValue) * PARAMS.l1;
    return -shrunk / ((PARAMS.beta + Math.sqrt(ftrlN[at] as number)) / PARAMS.alpha + PARAMS.l2);
  };
  const ftrl = (at: number, g: number) => {
    const n = ftrlN[at] as number;
    const sigma = (Math.sqrt(n + g * g) - Math.sqrt(n)) / PARAMS.alpha;
    ftrlZ[at] = (ftrlZ[at] as number) + g - sigma * weightAt(at);
    ftrlN[at] = n + g * g;
  };
  const dense = new Float64Array(DENSE_COUNT * K);
  const denseG = new Float64Array(DENSE_COUNT * K);
  const bias = new Float64Array(K);
  const biasG = new Float64Array(K);
  const next = random(seed);
  const order = examples.map((_, index) => index);
  const z = new Float64Array(K);
  const grad = new Float64Array(K);
  const update = (weights: Float64Array, sums: Float64Array, at: number, g: number) => {
    const full = g + PARAMS.l2 * (weights[at] as number);
    sums[at] = (sums[at] as number) + full * full;
    weights[at] = (weights[at] as number) - (PARAMS.rate * full) / Math.sqrt((sums[at] as number) + 1e-8);
  };
  const averaged = Math.max(1, Math.min(PARAMS.average, epochs));
  const snapshot = (weight: number) => {
    for (let row = 0; row < BUCKETS; row++) {
      const general = weightAt(row * K + 2);
      for (let k = 0; k < 2; k++) {
        const value = weightAt(row * K + k) - general;
        if (value !== 0) sum.hashed[row * 2 + k] = (sum.hashed[row * 2 + k] as number) + value * weight;
      }
    }
    for (let d = 0; d < DENSE_COUNT; d++) {
      for (let k = 0; k < 2; k++) {
        const value = (dense[d * K + k] as number) - (dense[d * K + 2] as number);
        sum.dense[d * 2 + k] = (sum.dense[d * 2 + k] as number) + value * weight;
      }
    }
    for (let k = 0; k < 2; k++)
      sum.bias[k] = (sum.bias[k] as number) + ((bias[k] as number) - (bias[2] as number)) * weight;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const swap = Math.floor(next() * (index + 1));
      [order[index], order[swap]] = [order[swap] as number, order[index] as number];
    }
    for (const position of order) {
      const example = examples[position] as Example;
      const useHashed = next() >= PARAMS.denseOnly;
      const charNorm = useHashed && example.chars.length > 0 ? 1 / Math.sqrt(example.chars.length) : 0;
      const wordNorm = useHashed && example.words.length > 0 ? 1 / Math.sqrt(example.words.length) : 0;
      for (let k = 0; k < K; k++) {
        let total = bias[k] as number;
        if (useHashed) {
          let chars = 0;
          for (const row of example.chars) chars += weightAt(row * K + k);
          let words = 0;
          for (const row of example.words) words += weightAt(row * K + k);
          total += chars * charNorm + words * wordNorm;
        }
        for (let d = 0; d < DENSE_COUNT; d++)
          total += (example.dense[d] as number) * (dense[d * K + k] as number);
        z[k] = total;
      }
      const top = Math.max(z[0] as number, z[1] as number, z[2] as number);
      let total = 0;
      for (let k = 0; k < K; k++) total += Math.exp((z[k] as number) - top);
      for (let k = 0; k < K; k++) {
        grad[k] = (Math.exp((z[k] as number) - top) / total - (k === example.label ? 1 : 0)) * example.weight;
      }
      for (let k = 0; k < K; k++) {
        const g = grad[k] as number;
        update(bias, biasG, k, g);
        for (let d = 0; d < DENSE_COUNT; d++) {
          const x = example.dense[d] as number;
          if (x !== 0) update(dense, denseG, d * K + k, g * x);
        }
        if (!useHashed) continue;
        for (const row of example.chars) ftrl(row * K + k, g * charNorm);
        for (const row of example.words) ftrl(row * K + k, g * wordNorm);
      }
    }
    if (epoch >= epochs - averaged) snapshot(share / averaged);
  }
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Fits the model: `PARAMS.bag` runs (seeds `PARAMS.seed`, +1, ...) averaged, then encoded for shipping. */
export function train(examples: Example[], epochs: number): SerializedRequestModel {
  const sum = emptyWeights();
  const runs = Math.max(1, PARAMS.bag);
  for (let run = 0; run < runs; run++) trainRun(examples, epochs, PARAMS.seed + run, 1 / runs, sum);
  const { scale, hashed } = encodeHashed(sum.hashed, PARAMS.prune);
  return {
    version: 1,
    bucketBits: BUCKET_BITS,
    scale: round(scale),
    bias: [round(sum.bias[0] as number), round(sum.bias[1] as number)],
    dense: Array.from(sum.dense, round),
    hashed,
  };
}
