/**
 * `npm run train:routing`: trains the request model (src/routing/request-model) and writes its weights to
 * src/routing/request-model/weights.ts (then formats it with biome). Deterministic: the same data and
 * options give the same file.
 *
 *   --cv           5-fold cross-validation on the training rows: the figures, a threshold sweep
 *                  and the code-intent fixture's training half against the keyword detector (every
 *                  choice was made here; the held-out split is dropped before anything else)
 *   --errors       with --cv or --validate: list the mistakes
 *   --validate     train on folds 1-4 of the training rows, report the figures on fold 0
 *   --epochs N     passes over the data (default 12)
 *   --set key=N    override a PARAMS number (`--set denseOnly=0.5`, `--set seed=7`, `--set codeIntent=3`)
 *   DROP_DENSE=19,20 (environment): train without those dense features, for ablations
 *
 * Training data: the training split of ../shared/fixtures/routing-dev plus the even halves of the langid
 * and code-intent fixtures (see scripts/routing-data.ts). Model: multinomial logistic regression over
 * hashed character 1-4-grams, words, word bigrams (FTRL-Proximal with L1) and the hand-written dense
 * features (AdaGrad); shipped as signed bytes, rows below a magnitude dropped.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectCodeIntent } from '../src/routing/code-intent.js';
import { classifyWith, type RequestClassification } from '../src/routing/request-model/classify-request.js';
import { DENSE_COUNT } from '../src/routing/request-model/dense-features.js';
import { BUCKET_BITS, BUCKETS } from '../src/routing/request-model/hash-features.js';
import { decodeRequestModel } from '../src/routing/request-model/load-model.js';
import {
  DEFAULT_THRESHOLDS,
  modelRoute,
  type RequestThresholds,
} from '../src/routing/request-model/model-route.js';
import { requestFeatures } from '../src/routing/request-model/request-features.js';
import { encodeHashed, type SerializedRequestModel } from '../src/routing/request-model/weight-codec.js';
import { type Expect, type LabeledText, loadRoutingData } from './routing-data.js';
import { doneWhenFigures, meets, ratio } from './routing-metrics.js';

const LABELS: readonly Expect[] = ['arabic', 'code', 'general'];
const K = 3;

/** Training hyperparameters (chosen with --validate). */
export const PARAMS = {
  epochs: 12,
  rate: 0.2,
  l2: 1e-6,
  /** Share of examples seen without their hashed features, so the dense features learn to stand alone. */
  denseOnly: 0.3,
  /** Sample weights by set: the langid fixture is mostly single words in 12 languages. */
  setWeight: { dev: 1, langid: 0.05, 'code-intent': 1 } as Record<LabeledText['set'], number>,
  /** Rows whose largest weight is below this are not shipped. */
  prune: 0.02,
  /** FTRL-Proximal for the hashed weights: learning rate, its smoothing, and the L1 that zeroes rows. */
  alpha: 4,
  beta: 1,
  l1: 0.1,
  /** Extra weight of Arabic examples: Arabic recall is the strictest target. */
  arabicWeight: 2,
  seed: 15,
  /** Extra weight of coding requests written in Arabic script (rare in the data, and Arabic wins them). */
  arabicCodeWeight: 1,
};

interface Example {
  chars: Int32Array;
  words: Int32Array;
  dense: Float32Array;
  label: number;
  weight: number;
}

/** Dense features left out while comparing feature sets (`DROP_DENSE=19,20 npm run train:routing -- --cv`). */
const DROPPED = (process.env.DROP_DENSE ?? '').split(',').filter(Boolean).map(Number);

function featurize(row: LabeledText): Example {
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

/** Fits the model; returns weights with the general column subtracted (general logit = 0). */
function train(examples: Example[], epochs: number): SerializedRequestModel {
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
  const next = random(PARAMS.seed);
  const order = examples.map((_, index) => index);
  const z = new Float64Array(K);
  const grad = new Float64Array(K);
  const update = (weights: Float64Array, sums: Float64Array, at: number, g: number) => {
    const full = g + PARAMS.l2 * (weights[at] as number);
    sums[at] = (sums[at] as number) + full * full;
    weights[at] = (weights[at] as number) - (PARAMS.rate * full) / Math.sqrt((sums[at] as number) + 1e-8);
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
        let sum = bias[k] as number;
        if (useHashed) {
          let chars = 0;
          for (const row of example.chars) chars += weightAt(row * K + k);
          let words = 0;
          for (const row of example.words) words += weightAt(row * K + k);
          sum += chars * charNorm + words * wordNorm;
        }
        for (let d = 0; d < DENSE_COUNT; d++)
          sum += (example.dense[d] as number) * (dense[d * K + k] as number);
        z[k] = sum;
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
  }
  const relative = new Float32Array(BUCKETS * 2);
  for (let row = 0; row < BUCKETS; row++) {
    const general = weightAt(row * K + 2);
    relative[row * 2] = weightAt(row * K) - general;
    relative[row * 2 + 1] = weightAt(row * K + 1) - general;
  }
  const denseOut: number[] = [];
  for (let d = 0; d < DENSE_COUNT; d++) {
    denseOut.push(round((dense[d * K] as number) - (dense[d * K + 2] as number)));
    denseOut.push(round((dense[d * K + 1] as number) - (dense[d * K + 2] as number)));
  }
  const { scale, hashed: encoded } = encodeHashed(relative, PARAMS.prune);
  return {
    version: 1,
    bucketBits: BUCKET_BITS,
    scale: round(scale),
    bias: [
      round((bias[0] as number) - (bias[2] as number)),
      round((bias[1] as number) - (bias[2] as number)),
    ],
    dense: denseOut,
    hashed: encoded,
  };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Routes `rows` with a serialized model. */
export function routeAll(
  model: SerializedRequestModel,
  rows: readonly LabeledText[],
  thresholds: RequestThresholds = DEFAULT_THRESHOLDS,
): Expect[] {
  const decoded = decodeRequestModel(model);
  return rows.map((row) => modelRoute(classifyWith(row.text, decoded), thresholds).route);
}

function printFigures(title: string, rows: LabeledText[], routes: Expect[]): void {
  console.log(`\n${title}`);
  for (const figure of doneWhenFigures(rows, routes)) {
    const mark = meets(figure) ? 'ok ' : 'NOT';
    console.log(
      `  ${mark} ${figure.name}: ${ratio(figure.hits, figure.total)} (target ${figure.target.join(' ')})`,
    );
  }
}

function crossValidate(all: LabeledText[], epochs: number, showErrors: boolean): void {
  const dev = all.filter((row) => row.set === 'dev');
  const codeIntent = all.filter((row) => row.set === 'code-intent');
  const results = new Map<LabeledText, RequestClassification>();
  for (let fold = 0; fold < 5; fold++) {
    const serialized = train(all.filter((row) => row.fold !== fold).map(featurize), epochs);
    if (fold === 0)
      console.log(`fold 0 model: ${(serialized.hashed.length / 1024).toFixed(0)} KiB of base64 weights`);
    const model = decodeRequestModel(serialized);
    for (const row of [...dev, ...codeIntent])
      if (row.fold === fold) results.set(row, classifyWith(row.text, model));
  }
  const routeWith = (thresholds: RequestThresholds) =>
    dev.map((row) => modelRoute(results.get(row) as RequestClassification, thresholds).route);
  const routes = routeWith(DEFAULT_THRESHOLDS);
  printFigures(`5-fold cross-validation on the dev training split (${dev.length} rows)`, dev, routes);
  const isCode = (row: LabeledText) => row.expect === 'code';
  const modelHits = codeIntent.filter(
    (row) =>
      (modelRoute(results.get(row) as RequestClassification, DEFAULT_THRESHOLDS).route === 'code') ===
      isCode(row),
  ).length;
  const keywordHits = codeIntent.filter(
    (row) => detectCodeIntent(row.text).score >= 0.5 === isCode(row),
  ).length;
  console.log(
    `  code-intent training half, code vs not: model ${ratio(modelHits, codeIntent.length)}, ` +
      `keyword detector alone ${ratio(keywordHits, codeIntent.length)}`,
  );
  for (const arabic of [0.2, 0.3, 0.4]) {
    for (const code of [0.35, 0.4, 0.45, 0.5]) {
      for (const arabizi of [0.5]) {
        const figures = doneWhenFigures(dev, routeWith({ arabic, code, arabizi }));
        const summary = figures.map((figure) => ((figure.hits / figure.total) * 100).toFixed(1)).join(' ');
        console.log(`  a=${arabic} c=${code} z=${arabizi}: ${summary}`);
      }
    }
  }
  if (showErrors) {
    for (const row of [...dev, ...codeIntent]) {
      const result = results.get(row) as RequestClassification;
      const got = modelRoute(result, DEFAULT_THRESHOLDS).route;
      if (got === row.expect) continue;
      const p = `a${result.arabic.toFixed(2)} c${result.code.toFixed(2)}`;
      console.log(
        `  ${row.expect} -> ${got} ${p} [${row.group}] ${row.text.slice(0, 90).replace(/\n/g, ' ')}`,
      );
    }
  }
}

function main(): void {
  const args = process.argv.slice(2);
  for (const setting of args.filter((_, index) => args[index - 1] === '--set')) {
    const [key, value] = setting.split('=') as [string, string];
    if (key === 'langid') PARAMS.setWeight.langid = Number(value);
    else if (key === 'codeIntent') PARAMS.setWeight['code-intent'] = Number(value);
    else (PARAMS as unknown as Record<string, number>)[key] = Number(value);
  }
  const epochsAt = args.indexOf('--epochs');
  const epochs = epochsAt >= 0 ? Number(args[epochsAt + 1]) : PARAMS.epochs;
  const all = loadRoutingData().filter((row) => row.split === 'train');
  if (args.includes('--cv')) {
    crossValidate(all, epochs, args.includes('--errors'));
    return;
  }
  const validate = args.includes('--validate');
  const trainRows = validate ? all.filter((row) => row.fold !== 0) : all;
  const started = performance.now();
  const model = train(trainRows.map(featurize), epochs);
  console.log(
    `trained on ${trainRows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (validate) {
    const rows = all.filter((row) => row.fold === 0 && row.set === 'dev');
    const routes = routeAll(model, rows);
    printFigures(`fold 0 of the dev training split (${rows.length} rows)`, rows, routes);
    if (args.includes('--errors')) {
      rows.forEach((row, index) => {
        if (routes[index] !== row.expect)
          console.log(
            `  ${row.expect} -> ${routes[index]} [${row.group}] ${row.text.slice(0, 100).replace(/\n/g, ' ')}`,
          );
      });
    }
    return;
  }
  const file = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    'src',
    'routing',
    'request-model',
    'weights.ts',
  );
  writeFileSync(
    file,
    [
      '// Generated by scripts/train-routing.ts: do not edit. Rebuild with `npm run train:routing`.',
      "import type { SerializedRequestModel } from './weight-codec.js';",
      '',
      '/** The shipped request model: see docs/routing.md for its data, training and figures. */',
      `export const REQUEST_MODEL: SerializedRequestModel = ${JSON.stringify(model, null, 2)};`,
      '',
    ].join('\n'),
  );
  // The repository's formatter owns the file's layout (the lint step checks it).
  const biome = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'biome');
  spawnSync(biome, ['format', '--write', file], { stdio: 'ignore' });
  console.log(`wrote ${file} (${(model.hashed.length / 1024).toFixed(0)} KiB of base64 weights)`);
}

main();
