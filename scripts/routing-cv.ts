/**
 * `npm run train:routing -- --cv [--seeds 15,115,215] [--errors]`: 5-fold cross-validation on the
 * training rows (the held-out split never reaches here). With several seeds, each seed's out-of-fold
 * answers are pooled, so a figure counts every row once per seed. Prints the figures, the
 * code-intent fixture's training half against the keyword detector, and a threshold sweep that names the
 * thresholds with the largest margins to the targets.
 */
import { detectCodeIntent } from '../src/routing/code-intent.js';
import { classifyWith, type RequestClassification } from '../src/routing/request-model/classify-request.js';
import { decodeRequestModel } from '../src/routing/request-model/load-model.js';
import {
  DEFAULT_THRESHOLDS,
  modelRoute,
  type RequestThresholds,
} from '../src/routing/request-model/model-route.js';
import type { Expect, LabeledText } from './routing-data.js';
import { doneWhenFigures, meets, ratio, targetMargin } from './routing-metrics.js';
import { featurize, PARAMS, train } from './routing-trainer.js';

/** Prints the figures for routed rows. */
export function printFigures(title: string, rows: readonly LabeledText[], routes: readonly Expect[]): void {
  console.log(`\n${title}`);
  for (const figure of doneWhenFigures(rows, routes)) {
    const mark = meets(figure) ? 'ok ' : 'NOT';
    console.log(
      `  ${mark} ${figure.name}: ${ratio(figure.hits, figure.total)} (target ${figure.target.join(' ')})`,
    );
  }
}

type Answers = Map<LabeledText, RequestClassification>;

/** Out-of-fold answers for `rows`, from models trained with `PARAMS.seed = seed`. */
function outOfFold(all: LabeledText[], epochs: number, seed: number, rows: LabeledText[]): Answers {
  PARAMS.seed = seed;
  const examples = all.map(featurize);
  const answers: Answers = new Map();
  for (let fold = 0; fold < 5; fold++) {
    const serialized = train(
      examples.filter((_, index) => (all[index] as LabeledText).fold !== fold),
      epochs,
    );
    if (fold === 0)
      console.log(
        `seed ${seed}, fold 0 model: ${(serialized.hashed.length / 1024).toFixed(0)} KiB of weights`,
      );
    const model = decodeRequestModel(serialized);
    for (const row of rows) if (row.fold === fold) answers.set(row, classifyWith(row.text, model));
  }
  return answers;
}

/** Sorted margins to the targets (the extra StackOverflow line aside), smallest first. */
function margins(rows: readonly LabeledText[], routes: readonly Expect[]) {
  return doneWhenFigures(rows, routes)
    .filter((figure) => !figure.name.endsWith('(extra)'))
    .map((figure) => ({ name: figure.name, margin: targetMargin(figure) }))
    .sort((left, right) => left.margin - right.margin);
}

/** Runs the cross-validation and prints what it found. */
export function crossValidate(all: LabeledText[], epochs: number, seeds: number[], showErrors: boolean) {
  const dev = all.filter((row) => row.set === 'dev');
  const codeIntent = all.filter((row) => row.set === 'code-intent');
  const runs = seeds.map((seed) => outOfFold(all, epochs, seed, [...dev, ...codeIntent]));
  const pooled = runs.flatMap(() => dev);
  const routeWith = (thresholds: RequestThresholds, rows: LabeledText[] = dev) =>
    runs.flatMap((answers) =>
      rows.map((row) => modelRoute(answers.get(row) as RequestClassification, thresholds).route),
    );
  const seedNote = seeds.length > 1 ? `, ${seeds.length} seeds pooled` : '';
  printFigures(
    `5-fold cross-validation on the dev training split (${dev.length} rows${seedNote})`,
    pooled,
    routeWith(DEFAULT_THRESHOLDS),
  );
  const codeIntentHits = (thresholds: RequestThresholds) => {
    const routes = routeWith(thresholds, codeIntent);
    return routes.filter((got, index) => {
      const row = codeIntent[index % codeIntent.length] as LabeledText;
      return (got === 'code') === (row.expect === 'code');
    }).length;
  };
  const keywordHits = codeIntent.filter(
    (row) => detectCodeIntent(row.text).score >= 0.5 === (row.expect === 'code'),
  ).length;
  console.log(
    `  code-intent training half, code vs not: model ${ratio(codeIntentHits(DEFAULT_THRESHOLDS), codeIntent.length * runs.length)}, ` +
      `keyword detector alone ${ratio(keywordHits, codeIntent.length)}`,
  );
  // The sweep: each issue figure in %, then the two smallest margins to a target in standard errors
  // (see targetMargin). The best pair has the largest smallest margin (ties: the next one, and so on).
  let best: { thresholds: RequestThresholds; sorted: number[] } | undefined;
  for (const arabic of [0.3, 0.4, 0.5]) {
    for (const code of [0.35, 0.4, 0.45, 0.5, 0.55]) {
      const thresholds = { arabic, code, arabizi: DEFAULT_THRESHOLDS.arabizi };
      const routes = routeWith(thresholds);
      const summary = doneWhenFigures(pooled, routes)
        .map((figure) => ((figure.hits / figure.total) * 100).toFixed(1))
        .join(' ');
      const sorted = margins(pooled, routes);
      const low = sorted.slice(0, 2).map((entry) => `${entry.margin.toFixed(2)} ${entry.name}`);
      console.log(
        `  a=${arabic} c=${code}: ${summary} | code-intent ${codeIntentHits(thresholds)} | ${low.join('; ')}`,
      );
      const values = sorted.map((entry) => entry.margin);
      if (best === undefined || isBetter(values, best.sorted)) best = { thresholds, sorted: values };
    }
  }
  console.log(`  largest margins at a=${best?.thresholds.arabic} c=${best?.thresholds.code}`);
  if (!showErrors) return;
  runs.forEach((answers, run) => {
    for (const row of [...dev, ...codeIntent]) {
      const result = answers.get(row) as RequestClassification;
      const got = modelRoute(result, DEFAULT_THRESHOLDS).route;
      if (got === row.expect) continue;
      const p = `a${result.arabic.toFixed(2)} c${result.code.toFixed(2)}`;
      const text = row.text.slice(0, 90).replace(/\n/g, ' ');
      console.log(`  seed ${seeds[run]}: ${row.expect} -> ${got} ${p} [${row.group}] ${text}`);
    }
  });
}

/** Lexicographic: the first margin that differs decides. */
function isBetter(candidate: number[], incumbent: number[]): boolean {
  for (let index = 0; index < candidate.length; index++) {
    const a = candidate[index] as number;
    const b = incumbent[index] as number;
    if (Math.abs(a - b) > 1e-9) return a > b;
  }
  return false;
}
