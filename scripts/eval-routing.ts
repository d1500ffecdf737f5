/**
 * `npm run eval:routing`: the router's figures, as markdown.
 *
 * - The issue-15 "Done when" figures on ../shared/fixtures/routing-dev: the training split, the held-out
 *   split (30% of the ids, never trained or tuned on; see scripts/routing-data.ts) and all lines.
 * - The held-out halves of the langid and code-intent fixtures (their even halves are in training).
 * - Latency per decision (median and p99 of single 200-character decisions), cold load and memory.
 *
 * `--errors` lists the held-out split's mistakes (read them; do not tune on them).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decisionPercentiles, routingTurns } from '../bench/cases/_routing-turns.js';
import { detectCodeIntent } from '../src/routing/code-intent.js';
import { decideRoute, type PolicyConfig } from '../src/routing/decide-route.js';
import { scriptLanguageDetector } from '../src/routing/language-detector.js';
import { type Expect, type LabeledText, loadRoutingData } from './routing-data.js';
import { doneWhenFigures, meets, ratio } from './routing-metrics.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const capabilities = { vision: true, functionCalling: true, fim: false, reasoning: false };
const facts = (model: string) => ({ model, capabilities, capabilitiesKnown: true });
const POLICY: PolicyConfig = {
  routes: new Map([
    ['arabic', facts('a')],
    ['code', facts('c')],
    ['general', facts('g')],
  ]),
  rules: [],
  detector: scriptLanguageDetector,
};

/** The route the default policy picks for a text (no images, no tools, no history). */
const route = (text: string) =>
  decideRoute({ text, images: 0, needsTools: false, messages: [] }, POLICY).route as Expect;

function doneWhenTable(rows: LabeledText[], routes: Expect[]): string {
  const splits: Array<[string, (row: LabeledText) => boolean]> = [
    ['held-out split', (row) => row.split === 'held-out'],
    ['training split', (row) => row.split === 'train'],
    ['all', () => true],
  ];
  const columns = splits.map(([, keep]) => {
    const kept = rows
      .map((row, index) => [row, routes[index] as Expect] as const)
      .filter(([row]) => keep(row));
    return doneWhenFigures(
      kept.map(([row]) => row),
      kept.map(([, got]) => got),
    );
  });
  const lines = [
    `| figure | target | ${splits.map(([name]) => name).join(' | ')} |`,
    `|---|---|${splits.map(() => '---|').join('')}`,
  ];
  (columns[0] ?? []).forEach((figure, index) => {
    const cells = columns.map((column) => {
      const cell = column[index] as typeof figure;
      return `${ratio(cell.hits, cell.total)}${meets(cell) ? '' : ' **not met**'}`;
    });
    const target = `${figure.target[0]} ${(figure.target[1] * 100).toFixed(1)}%`;
    lines.push(`| ${figure.name} | ${target} | ${cells.join(' | ')} |`);
  });
  return lines.join('\n');
}

function fixtureTable(rows: LabeledText[], routes: Expect[]): string {
  const pick = (keep: (row: LabeledText) => boolean, hit: (row: LabeledText, got: Expect) => boolean) => {
    let hits = 0;
    let total = 0;
    rows.forEach((row, index) => {
      if (row.split !== 'held-out' || !keep(row)) return;
      total++;
      if (hit(row, routes[index] as Expect)) hits++;
    });
    return ratio(hits, total);
  };
  const isArabic = (got: Expect) => got === 'arabic';
  const langid = (row: LabeledText) => row.set === 'langid';
  return [
    '| measure (held-out odd halves) | value |',
    '|---|---|',
    `| langid: Arabic-vs-not accuracy, all lines | ${pick(langid, (row, got) => isArabic(got) === (row.expect === 'arabic'))} |`,
    `| langid: Arabic-vs-not accuracy, sentences | ${pick(
      (row) => langid(row) && row.kind === 'sentence',
      (row, got) => isArabic(got) === (row.expect === 'arabic'),
    )} |`,
    `| langid: Arabic recall, dialect tweets | ${pick(
      (row) => langid(row) && row.kind === 'dialect-tweet',
      (_row, got) => isArabic(got),
    )} |`,
    `| langid: Arabic recall, single words | ${pick(
      (row) => langid(row) && row.lang === 'ar' && row.kind === 'single-word',
      (_row, got) => isArabic(got),
    )} |`,
    `| langid: fa/ur -> arabic, sentences | ${pick(
      (row) => langid(row) && (row.lang === 'fa' || row.lang === 'ur') && row.kind === 'sentence',
      (_row, got) => isArabic(got),
    )} |`,
    `| langid: fa/ur -> arabic, single words and pairs | ${pick(
      (row) =>
        langid(row) &&
        (row.lang === 'fa' || row.lang === 'ur') &&
        row.kind !== 'sentence' &&
        row.kind !== 'udhr-paragraph',
      (_row, got) => isArabic(got),
    )} |`,
    `| langid: ps/pnb/ug/prs -> arabic (UDHR) | ${pick(
      (row) => langid(row) && ['ps', 'pnb', 'ug', 'prs'].includes(row.lang),
      (_row, got) => isArabic(got),
    )} |`,
    `| code-intent: accuracy (code vs not) | ${pick(
      (row) => row.set === 'code-intent',
      (row, got) => (got === 'code') === (row.expect === 'code'),
    )} |`,
    `| code-intent: the keyword detector alone (the router before the request model) | ${pick(
      (row) => row.set === 'code-intent',
      (row) => detectCodeIntent(row.text).score >= 0.5 === (row.expect === 'code'),
    )} |`,
  ].join('\n');
}

function speedTable(): string {
  const lines = ['| 200-char turn | median µs | p99 µs |', '|---|---|---|'];
  for (const row of decisionPercentiles(route, routingTurns())) {
    lines.push(`| ${row.name} | ${row.median.toFixed(1)} | ${row.p99.toFixed(1)} |`);
  }
  return lines.join('\n');
}

function main(): void {
  const rows = loadRoutingData();
  const started = performance.now();
  const routes = rows.map((row) => route(row.text));
  const perText = ((performance.now() - started) * 1000) / rows.length;
  const dev = rows.filter((row) => row.set === 'dev');
  const devRoutes = routes.filter((_, index) => rows[index]?.set === 'dev');
  console.log(`# Routing evaluation\n\nNode ${process.version}; \`npm run eval:routing\`\n`);
  console.log(`## Issue 15 targets on ../shared/fixtures/routing-dev (${dev.length} lines)\n`);
  console.log(doneWhenTable(dev, devRoutes));
  console.log('\n## The other fixtures\n');
  console.log(fixtureTable(rows, routes));
  console.log(`\n## Speed, load and memory\n\n${speedTable()}\n`);
  console.log(
    `Wall time of single decisions (decideRoute), after warm-up; ${rows.length} fixture texts took ${perText.toFixed(1)} µs each on average.`,
  );
  const weights = statSync(join(root, 'src', 'routing', 'request-model', 'weights.ts')).size;
  console.log(`Shipped weights: ${(weights / 1024).toFixed(0)} KiB (src/routing/request-model/weights.ts).`);
  const probe = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--probe'],
    {
      encoding: 'utf8',
      cwd: root,
    },
  );
  console.log(probe.status === 0 ? probe.stdout.trim() : `load/memory probe failed: ${probe.stderr}`);
  if (process.argv.includes('--errors')) {
    dev.forEach((row, index) => {
      if (row.split === 'held-out' && devRoutes[index] !== row.expect) {
        console.log(
          `- ${row.expect} -> ${devRoutes[index]} [${row.group}] ${row.text.slice(0, 100).replace(/\n/g, ' ')}`,
        );
      }
    });
  }
}

/** In a fresh process: cold load (decode the weights, first decision) and memory the model adds. */
async function probe(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  // Modules already imported (tsx compiles on import, which a built package does not do); the lookup
  // tables they build at load are timed on their own below.
  const { classifyRequest } = await import('../src/routing/request-model/classify-request.js');
  gc();
  const before = process.memoryUsage();
  const start = performance.now();
  classifyRequest('مرحبا، اكتب دالة بايثون');
  const cold = performance.now() - start;
  gc();
  const after = process.memoryUsage();
  const added = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
  console.log(
    `Cold load (decode the weights and make the first decision, modules already imported): ${cold.toFixed(1)} ms.\n` +
      `Memory the loaded model adds (heapUsed + arrayBuffers delta after gc): ${(added / 1024 / 1024).toFixed(2)} MB.`,
  );
}

if (process.argv.includes('--probe')) await probe();
else main();
