/**
 * Fits the estimator's tokens-per-character rates (src/tokens/script-rates.ts) to exact Tekken counts.
 * Calibration data: ../shared/fixtures/langid (texts grouped 25 at a time per language and kind) and the
 * TypeScript sources in src/ (code). Minimizes the squared relative error with non-negative rates; digits
 * are fixed at 1 (Tekken splits every digit). Prints the rates and the error per language.
 *
 * Run: npx tsx tests/tokens/support/fit-script-rates.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeRequire } from '../../../src/tokens/node-require.js';
import { countScriptClasses, SCRIPT_CLASSES, scriptIndex } from '../../../src/tokens/script-classes.js';
import { RATE_VECTOR } from '../../../src/tokens/script-rates.js';
import { loadTekkenEngine } from '../../../src/tokens/tekken-engine.js';
import { readLangid } from './fixtures.js';

const engine = loadTekkenEngine(nodeRequire()!);
const groups = new Map<string, string[]>();
const fitted = new Set(['sentence', 'udhr-paragraph', 'dialect-tweet']);
for (const line of readLangid()) {
  if (!fitted.has(line.kind)) continue;
  const key = `${line.lang}/${line.kind}`;
  groups.set(key, [...(groups.get(key) ?? []), line.text]);
}
const samples: Array<{ label: string; text: string }> = [];
for (const [label, texts] of groups) {
  for (let start = 0; start < texts.length; start += 25) {
    samples.push({ label, text: texts.slice(start, start + 25).join('\n') });
  }
}
const sourceRoot = new URL('../../../src/', import.meta.url).pathname;
for (const file of listTypeScript(sourceRoot))
  samples.push({ label: 'code/ts', text: readFileSync(file, 'utf8') });

const classes = SCRIPT_CLASSES.length;
// Classes the corpus barely covers keep their hand-set prior (fixed); the rest are fitted.
const fixedClasses = new Set(
  (['digit', 'greek', 'hebrew', 'indic', 'thai', 'kana', 'hangul', 'other'] as const).map(scriptIndex),
);
const rows = samples.map((sample) => {
  const features = countScriptClasses(sample.text, new Float64Array(classes));
  const exact = engine.countText(sample.text);
  let fixedTokens = 0;
  for (const index of fixedClasses) fixedTokens += (features[index] ?? 0) * (RATE_VECTOR[index] ?? 1);
  return { ...sample, features, exact, target: exact - fixedTokens };
});

// Weighted least squares (weight 1 / exact^2 = relative error), solved by projected coordinate descent.
const gram = new Float64Array(classes * classes);
const moment = new Float64Array(classes);
for (const row of rows) {
  const weight = 1 / Math.max(1, row.target) ** 2;
  for (let i = 0; i < classes; i++) {
    if (fixedClasses.has(i)) continue;
    moment[i]! += weight * row.features[i]! * row.target;
    for (let j = 0; j < classes; j++) {
      if (!fixedClasses.has(j)) gram[i * classes + j]! += weight * row.features[i]! * row.features[j]!;
    }
  }
}
const rates = Float64Array.from(RATE_VECTOR);
for (let round = 0; round < 5_000; round++) {
  for (let i = 0; i < classes; i++) {
    if (fixedClasses.has(i) || gram[i * classes + i] === 0) continue;
    let gradient = -moment[i]!;
    for (let j = 0; j < classes; j++)
      if (!fixedClasses.has(j)) gradient += gram[i * classes + j]! * rates[j]!;
    rates[i] = Math.max(0, rates[i]! - gradient / gram[i * classes + i]!);
  }
}

console.log('| class | tokens per character |\n|---|---|');
for (const [index, name] of SCRIPT_CLASSES.entries()) {
  console.log(`| ${name} | ${rates[index]!.toFixed(3)} |${fixedClasses.has(index) ? ' (prior)' : ''}`);
}
const byLanguage = new Map<string, { exact: number; estimate: number; chars: number }>();
for (const row of rows) {
  const language = row.label.split('/')[0]!;
  const entry = byLanguage.get(language) ?? { exact: 0, estimate: 0, chars: 0 };
  let estimate = 0;
  for (let i = 0; i < classes; i++) estimate += row.features[i]! * rates[i]!;
  entry.exact += row.exact;
  entry.estimate += estimate;
  entry.chars += row.text.length;
  byLanguage.set(language, entry);
}
console.log('\n| language | exact tokens | estimate error | chars/4 error |\n|---|---|---|---|');
for (const [language, entry] of [...byLanguage].sort()) {
  const error = (entry.estimate - entry.exact) / entry.exact;
  const naive = (entry.chars / 4 - entry.exact) / entry.exact;
  console.log(`| ${language} | ${entry.exact} | ${pct(error)} | ${pct(naive)} |`);
}

function pct(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}

function listTypeScript(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listTypeScript(join(directory, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(directory, entry.name)]
        : [],
  );
}
