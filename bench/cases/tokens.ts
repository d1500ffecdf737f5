/**
 * `npm run bench -- tokens`: Tekken token counting. Counts 128K tokens of mixed Arabic / English / code text
 * (Arabic and English sentences from ../shared/fixtures/langid, TypeScript from this repository and the
 * Mistral SDK) with the exact counter: cold (engine load + first count, each run in a fresh process), first
 * count on a loaded engine, warm (new text of the same mix, engine and piece memo warm), and the same text
 * again. Also reports engine load time and memory, plain tiktoken (whole text, Tekken's pattern compiled in
 * WASM, no piece memo) as a baseline, and the
 * estimator's speed and error per language. Goals: <= 100 ms cold, <= 70 ms warm.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimateTextTokens } from '../../src/memory/estimate-text.js';
import { nodeRequire } from '../../src/memory/node-require.js';
import { loadTekkenEngine, type TekkenEngine } from '../../src/memory/tekken-engine.js';
import { referenceEncoder } from '../../tests/memory/support/reference-encoder.js';

const TARGET_TOKENS = 128_000;
const COLD_RUNS = 5;
const WARM_RUNS = 9;
const here = fileURLToPath(import.meta.url);

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
  const code = [
    ...sourceFiles(join(root, 'src'), '.ts'),
    ...sourceFiles(join(root, 'node_modules/@mistralai/mistralai/src'), '.ts'),
  ].filter((_, index) => index % 2 === half);
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
function coldOnce(textPath: string): void {
  const text = readFileSync(textPath, 'utf8');
  const memoryBefore = process.memoryUsage();
  const cpu: number[] = [];
  const [total, result] = time(() => {
    const engine = loadTekkenEngine(nodeRequire()!);
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

function main(): void {
  const builder = loadTekkenEngine(nodeRequire()!);
  const textA = mixedText(builder, 0);
  const textB = mixedText(builder, 1);
  builder.free();
  const { writeFileSync, mkdtempSync, rmSync } = require_();
  const { tmpdir } = requireOs();
  const folder = mkdtempSync(join(tmpdir(), 'dragoman-bench-'));
  const textPath = join(folder, 'a.txt');
  writeFileSync(textPath, textA);
  const cold = Array.from({ length: COLD_RUNS }, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', here, '--cold-once', textPath], {
      encoding: 'utf8',
    });
    return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      total: number;
      cpu: number;
      load: number;
      count: number;
      rssMb: number;
      heapMb: number;
    };
  });
  rmSync(folder, { recursive: true, force: true });

  const engine = loadTekkenEngine(nodeRequire()!);
  const firstCpu: number[] = [];
  const [firstCount, tokensA] = time(() => engine.countText(textA), firstCpu);
  const warmNew: number[] = [];
  const warmSame: number[] = [];
  const whole: number[] = [];
  const estimate: number[] = [];
  const cpu = {
    warmNew: [] as number[],
    warmSame: [] as number[],
    whole: [] as number[],
    estimate: [] as number[],
  };
  let tokensB = 0;
  const reference = referenceEncoder();
  for (let run = 0; run < WARM_RUNS; run++) {
    // A fresh engine memo for "new text": reload is not timed; text B is never counted before on it.
    const fresh = loadTekkenEngine(nodeRequire()!);
    fresh.countText(textA);
    const [newTime, countB] = time(() => fresh.countText(textB), cpu.warmNew);
    tokensB = countB;
    warmNew.push(newTime);
    warmSame.push(time(() => fresh.countText(textB), cpu.warmSame)[0]);
    whole.push(time(() => reference(textB).length, cpu.whole)[0]);
    estimate.push(time(() => estimateTextTokens(textB), cpu.estimate)[0]);
    fresh.free();
  }
  const estimated = estimateTextTokens(textB);

  const fmt = (value: number) => value.toFixed(1);
  console.log('## Token counting (Tekken, 128K tokens of mixed Arabic / English / code)\n');
  console.log('Command: `npm run bench -- tokens`\n');
  console.log(
    `Text A: ${tokensA.toLocaleString('en-US')} tokens, ${textA.length.toLocaleString('en-US')} chars; text B: ${tokensB.toLocaleString('en-US')} tokens.\n`,
  );
  console.log('| measurement | median wall | median CPU | goal |\n|---|---|---|---|');
  console.log(
    `| cold: engine load + count text A (fresh process, ${COLD_RUNS} runs) | ${fmt(median(cold.map((run) => run.total)))} ms | ${fmt(median(cold.map((run) => run.cpu)))} ms | <= 100 ms |`,
  );
  console.log(
    `| engine load alone (read ranks + build WASM BPE) | ${fmt(median(cold.map((run) => run.load)))} ms | | |`,
  );
  console.log(
    `| first count on a just-loaded engine (piece memo empty) | ${fmt(firstCount)} ms | ${fmt(firstCpu[0]!)} ms | |`,
  );
  console.log(
    `| warm: count text B after text A (new text, ${WARM_RUNS} runs) | ${fmt(median(warmNew))} ms | ${fmt(median(cpu.warmNew))} ms | <= 70 ms |`,
  );
  console.log(
    `| warm: count text B again | ${fmt(median(warmSame))} ms | ${fmt(median(cpu.warmSame))} ms | |`,
  );
  console.log(
    `| baseline: tiktoken alone (Tekken pattern in WASM, whole text B, no memo) | ${fmt(median(whole))} ms | ${fmt(median(cpu.whole))} ms | |`,
  );
  console.log(
    `| estimator on text B (no engine) | ${fmt(median(estimate))} ms | ${fmt(median(cpu.estimate))} ms | |`,
  );
  console.log(`| memory after load: RSS growth | ${fmt(median(cold.map((run) => run.rssMb)))} MB | | |`);
  console.log(
    `| memory after load: JS heap + external (WASM) growth | ${fmt(median(cold.map((run) => run.heapMb)))} MB | | |`,
  );
  console.log(`| estimator error on text B | ${fmt(((estimated - tokensB) / tokensB) * 100)}% | | |`);
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
if (coldFlag >= 0) coldOnce(process.argv[coldFlag + 1]!);
else main();
