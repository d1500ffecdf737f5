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
 *   --set key=N    override a PARAMS number (`--set denseOnly=0.5`, `--set seed=7`, `--set codeIntent=3`,
 *                  `--set bag=1` for a single run instead of the averaged bag)
 *   DROP_DENSE=19,20 (environment): train without those dense features, for ablations
 *
 * Training data: the training split of ../shared/fixtures/routing-dev plus the even halves of the langid
 * and code-intent fixtures (see scripts/routing-data.ts). Model: multinomial logistic regression over
 * hashed character 1-4-grams, words, word bigrams (FTRL-Proximal with L1) and the hand-written dense
 * features (AdaGrad), several seeded runs averaged into one (scripts/routing-trainer.ts); shipped as
 * signed bytes, rows below a magnitude dropped.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectCodeIntent } from '../src/routing/code-intent.js';
import { classifyWith, type RequestClassification } from '../src/routing/request-model/classify-request.js';
import { decodeRequestModel } from '../src/routing/request-model/load-model.js';
import {
  DEFAULT_THRESHOLDS,
  modelRoute,
  type RequestThresholds,
} from '../src/routing/request-model/model-route.js';
import type { SerializedRequestModel } from '../src/routing/request-model/weight-codec.js';
import { type Expect, type LabeledText, loadRoutingData } from './routing-data.js';
import { doneWhenFigures, meets, ratio } from './routing-metrics.js';
import { featurize, PARAMS, train } from './routing-trainer.js';

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
  const examples = all.map(featurize);
  for (let fold = 0; fold < 5; fold++) {
    const serialized = train(
      examples.filter((_, index) => (all[index] as LabeledText).fold !== fold),
      epochs,
    );
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
