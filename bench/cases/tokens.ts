/**
 * `npm run bench -- tokens`: Tekken token counting. Counts 128K tokens of mixed Arabic / English / code text
 * (Arabic and English sentences from ../shared/fixtures/langid, TypeScript from the Mistral SDK's sources)
 * with the exact counter, for both engines (the default JavaScript BPE and the `tiktoken` WASM engine): cold
 * (engine load + first count, each run in a fresh process, the engines alternating), warm (new text of the
 * same mix, engine and piece memo warm), and the same text again. Also reports engine load time
 * and memory, plain tiktoken (whole text, Tekken's pattern compiled in WASM, no piece memo) as a baseline,
 * and the estimator's speed and error per language. Goals: <= 100 ms cold, <= 70 ms warm.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimateTextTokens } from '../../src/tokens/estimate-text.js';
import { nodeRequire } from '../../src/tokens/node-require.js';
import { loadTekkenEngine, type TekkenEngine } from '../../src/tokens/tekken-engine.js';
import { referenceEncoder } from '../../tests/tokens/support/reference-encoder.js';
import { loadTekkenWasmEngine } from '../../tests/tokens/support/tekken-wasm-engine.js';

const TARGET_TOKENS = 128_000;
const COLD_RUNS = 7;
const WARM_RUNS = 9;
const here = fileURLToPath(import.meta.url);

const ENGINES = {
  'JavaScript BPE (default)': loadTekkenEngine,
  'tiktoken WASM': loadTekkenWasmEngine,
} as const;
type EngineName = keyof typeof ENGINES;

interface ColdRun {
  total: number;
  cpu: number;
  load: number;
  count: number;
  rssMb: number;
  heapMb: number;
}

interface EngineFigures {
  cold: ColdRun[];
  warmNew: number[];
  warmSame: number[];
  cpuWarmNew: number[];
  cpuWarmSame: number[];
  tokensB: number;
}

interface Sample {
  lang: string;
  kind: string;
  text: string;
}

function corpus(): Sample[] {
  const path = fileURLToPath(new URL('../../../shared/fixtures/langid/langid-eval.jsonl', import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Sample);
}

function sourceFiles(directory: string, extension: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Two different ~128K-token texts (`half` 0 or 1) mixing Arabic, English and code in equal shares. */
function mixedText(engine: TekkenEngine, half: 0 | 1): string {
  const lines = corpus();
  const pick = (lang: string) =>
    lines.filter((line) => line.lang === lang && line.kind !== 'single-word' && line.kind !== 'word-pair');
  const arabic = pick('ar').filter((_, index) => index % 2 === half);
  const english = pick('en').filter((_, index) => index % 2 === half);
  const root = fileURLToPath(new URL('../../', import.meta.url));
  // Code from the Mistral SDK's sources only, pinned by package-lock.json: text built from this repository's
  // own src/ changed with every commit (and the cold figure with it), so runs of different commits could not
  // be compared.
  const code = sourceFiles(join(root, 'node_modules/@mistralai/mistralai/src'), '.ts').filter(
    (_, index) => index % 2 === half,
  );
  const parts: string[] = [];
  let tokens = 0;
  for (let index = 0; tokens < TARGET_TOKENS; index++) {
    const source = [arabic, english, code][index % 3]!;
    const item = source[Math.floor(index / 3) % source.length]!;
    const text = typeof item === 'string' ? readFileSync(item, 'utf8') : item.text;
    parts.push(text);
    tokens += engine.countText(text) + 1;
  }
  return parts.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall milliseconds of `action` (CPU milliseconds go to `cpuLog`, the fairer figure on a shared machine). */
function time<T>(action: () => T, cpuLog?: number[]): [number, T] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = action();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  cpuLog?.push((used.user + used.system) / 1000);
  return [wall, result];
}

/** One cold run, in a fresh process: load the engine, count text A. Prints JSON. */
function coldOnce(name: EngineName, textPath: string): void {
  const text = readFileSync(textPath, 'utf8');
  const memoryBefore = process.memoryUsage();
  const cpu: number[] = [];
  const [total, result] = time(() => {
    const engine = ENGINES[name](nodeRequire()!);
    return { engine, count: engine.countText(text) };
  }, cpu);
  const memoryAfter = process.memoryUsage();
  console.log(
    JSON.stringify({
      total,
      cpu: cpu[0],
      load: result.engine.loadMs,
      count: result.count,
      rssMb: (memoryAfter.rss - memoryBefore.rss) / 2 ** 20,
      heapMb:
        (memoryAfter.heapUsed + memoryAfter.external - memoryBefore.heapUsed - memoryBefore.external) /
        2 ** 20,
    }),
  );
}

function coldRuns(textPath: string): Map<EngineName, ColdRun[]> {
  const runs = new Map<EngineName, ColdRun[]>(Object.keys(ENGINES).map((name) => [name as EngineName, []]));
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const [name, list] of runs) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', here, '--cold-once', name, textPath], {
        encoding: 'utf8',
      });
      list.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ColdRun);
    }
  }
  return runs;
}

/**
 * Warm figures, the engines alternating run by run: a fresh engine counts text A (untimed), then text B (new
 * text) and text B again.
 */
function warmRuns(
  textA: string,
  textB: string,
  cold: Map<EngineName, ColdRun[]>,
): Map<EngineName, EngineFigures> {
  const all = new Map<EngineName, EngineFigures>();
  for (const [name, runs] of cold) {
    all.set(name, { cold: runs, warmNew: [], warmSame: [], cpuWarmNew: [], cpuWarmSame: [], tokensB: 0 });
  }
  for (let run = 0; run < WARM_RUNS; run++) {
    for (const [name, figures] of all) {
      const fresh = ENGINES[name](nodeRequire()!);
      fresh.countText(textA);
      const [newTime, countB] = time(() => fresh.countText(textB), figures.cpuWarmNew);
      figures.tokensB = countB;
      figures.warmNew.push(newTime);
      figures.warmSame.push(time(() => fresh.countText(textB), figures.cpuWarmSame)[0]);
      fresh.free();
    }
  }
  return all;
}

function main(): void {
  const builder = loadTekkenEngine(nodeRequire()!);
  const textA = mixedText(builder, 0);
  const textB = mixedText(builder, 1);
  const tokensA = builder.countText(textA);
  builder.free();
  const { writeFileSync, mkdtempSync, rmSync } = require_();
  const { tmpdir } = requireOs();
  const folder = mkdtempSync(join(tmpdir(), 'dragoman-bench-'));
  const textPath = join(folder, 'a.txt');
  writeFileSync(textPath, textA);
  const cold = coldRuns(textPath);
  rmSync(folder, { recursive: true, force: true });

  const engines = [...warmRuns(textA, textB, cold)];
  const whole: number[] = [];
  const estimate: number[] = [];
  const cpu = { whole: [] as number[], estimate: [] as number[] };
  const reference = referenceEncoder();
  for (let run = 0; run < WARM_RUNS; run++) {
    whole.push(time(() => reference(textB).length, cpu.whole)[0]);
    estimate.push(time(() => estimateTextTokens(textB), cpu.estimate)[0]);
  }
  const tokensB = engines[0]![1].tokensB;
  const estimated = estimateTextTokens(textB);

  const fmt = (value: number) => value.toFixed(1);
  const wallCpu = (wall: number[], cpuTimes: number[]) =>
    `${fmt(median(wall))} ms | ${fmt(median(cpuTimes))} ms`;
  console.log('## Token counting (Tekken, 128K tokens of mixed Arabic / English / code)\n');
  console.log('Command: `npm run bench -- tokens`\n');
  console.log(
    `Text A: ${tokensA.toLocaleString('en-US')} tokens, ${textA.length.toLocaleString('en-US')} chars; text B: ${tokensB.toLocaleString('en-US')} tokens. Both engines give the same counts (checked below).\n`,
  );
  console.log('| engine | measurement | median wall | median CPU | goal |\n|---|---|---|---|---|');
  for (const [name, figures] of engines) {
    const coldCounts = new Set(figures.cold.map((run) => run.count));
    if (coldCounts.size !== 1 || !coldCounts.has(tokensA) || figures.tokensB !== tokensB) {
      throw new Error(`${name} counted ${[...coldCounts].join(', ')} / ${figures.tokensB} tokens`);
    }
    const coldCell = wallCpu(
      figures.cold.map((run) => run.total),
      figures.cold.map((run) => run.cpu),
    );
    console.log(
      `| ${name} | cold: load + count text A (fresh process, ${COLD_RUNS} runs) | ${coldCell} | <= 100 ms |`,
    );
    console.log(
      `| ${name} | engine load alone | ${fmt(median(figures.cold.map((run) => run.load)))} ms | | |`,
    );
    console.log(
      `| ${name} | warm: count text B after text A (new text, ${WARM_RUNS} runs) | ${wallCpu(figures.warmNew, figures.cpuWarmNew)} | <= 70 ms |`,
    );
    console.log(
      `| ${name} | warm: count text B again | ${wallCpu(figures.warmSame, figures.cpuWarmSame)} | |`,
    );
    console.log(
      `| ${name} | memory after cold run: RSS growth / JS heap + external | ${fmt(median(figures.cold.map((run) => run.rssMb)))} MB / ${fmt(median(figures.cold.map((run) => run.heapMb)))} MB | | |`,
    );
  }
  console.log(
    `| baseline | tiktoken alone (Tekken pattern in WASM, whole text B, no memo) | ${wallCpu(whole, cpu.whole)} | |`,
  );
  console.log(`| estimator | text B, no engine | ${wallCpu(estimate, cpu.estimate)} | |`);
  console.log(`| estimator | error on text B | ${fmt(((estimated - tokensB) / tokensB) * 100)}% | | |`);
  const engine = loadTekkenEngine(nodeRequire()!);
  estimatorTable(engine);
}

function estimatorTable(engine: TekkenEngine): void {
  const byLang = new Map<string, string[]>();
  for (const line of corpus()) {
    if (line.kind !== 'sentence' && line.kind !== 'dialect-tweet' && line.kind !== 'udhr-paragraph') continue;
    byLang.set(line.lang, [...(byLang.get(line.lang) ?? []), line.text]);
  }
  console.log('\n### Estimator error per language (sentences, UDHR paragraphs, dialect tweets)\n');
  console.log('| language | Tekken tokens | per-script estimator | chars / 4 |\n|---|---|---|---|');
  const pct = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
  for (const [lang, texts] of [...byLang].sort()) {
    const text = texts.join('\n');
    const exact = engine.countText(text);
    console.log(
      `| ${lang} | ${exact.toLocaleString('en-US')} | ${pct((estimateTextTokens(text) - exact) / exact)} | ${pct((text.length / 4 - exact) / exact)} |`,
    );
  }
}

function require_(): typeof import('node:fs') {
  return nodeRequire()!('node:fs') as typeof import('node:fs');
}

function requireOs(): typeof import('node:os') {
  return nodeRequire()!('node:os') as typeof import('node:os');
}

const coldFlag = process.argv.indexOf('--cold-once');
if (coldFlag >= 0) coldOnce(process.argv[coldFlag + 1] as EngineName, process.argv[coldFlag + 2]!);
else main();
