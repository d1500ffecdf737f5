/**
 * `npm run eval:routing`: measures the router's detectors on the labeled sets in ../shared/fixtures
 * (langid-eval.jsonl, code-intent.jsonl) and prints markdown tables: Arabic-vs-not accuracy, Arabic
 * precision/recall, Persian/Urdu->Arabic confusion by length, dialect recall, code-intent accuracy and
 * precision, microseconds per routing decision and heap added by the detectors.
 *
 * Every figure is printed for all lines, for the tuning half (ids whose FNV-1a hash is even) and for the
 * held-out half (odd): the discriminator's few weights and thresholds were chosen looking only at the
 * even half. Pass `--errors` to list the even half's mistakes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routingTurns, timeDecisions } from '../bench/cases/_routing-turns.js';
import { detectCodeIntent } from '../src/routing/detect-code.js';
import { isArabicText } from '../src/routing/is-arabic.js';
import { hashWord } from '../src/routing/word-hash.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, '..', 'shared', 'fixtures');

interface LangRow {
  id: string;
  lang: string;
  kind: string;
  variety?: string;
  text: string;
}
interface CodeRow {
  id: string;
  text: string;
  is_code: boolean;
  hard: boolean;
  category: string;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);
}

type Half = 'all' | 'tune (even)' | 'held-out (odd)';
const HALVES: Half[] = ['all', 'tune (even)', 'held-out (odd)'];
function inHalf(id: string, half: Half): boolean {
  if (half === 'all') return true;
  const even = (hashWord(id, (code) => code) & 1) === 0;
  return half === 'tune (even)' ? even : !even;
}

/** A ratio with its counts, e.g. `99.70% (997/1000)`. */
function ratio(hits: number, total: number): string {
  return total === 0 ? 'n/a' : `${((hits / total) * 100).toFixed(2)}% (${hits}/${total})`;
}

const codePoints = (text: string) => [...text].length;
const PERSIAN_URDU = new Set(['fa', 'ur']);
const OTHER_ARABIC_SCRIPT = new Set(['ps', 'pnb', 'ug', 'prs']);

function langidTable(rows: LangRow[], showErrors: boolean): string {
  const predictions = rows.map((row) => isArabicText(row.text));
  const lines = ['| measure | ' + HALVES.join(' | ') + ' |', '|---|' + HALVES.map(() => '---|').join('')];
  const measures: Array<[string, (row: LangRow) => boolean, (row: LangRow, predicted: boolean) => boolean]> =
    [
      ['Arabic-vs-not accuracy, all lines', () => true, (row, p) => p === (row.lang === 'ar')],
      [
        'Arabic-vs-not accuracy, sentences',
        (row) => row.kind === 'sentence',
        (row, p) => p === (row.lang === 'ar'),
      ],
      [
        'Arabic-vs-not accuracy, texts < 40 chars',
        (row) => codePoints(row.text) < 40,
        (row, p) => p === (row.lang === 'ar'),
      ],
      ['Arabic precision (all lines)', (_row) => true, (row, p) => !p || row.lang === 'ar'],
      ['Arabic recall, all Arabic lines', (row) => row.lang === 'ar', (_row, p) => p],
      ['Arabic recall, sentences', (row) => row.lang === 'ar' && row.kind === 'sentence', (_row, p) => p],
      ['Arabic recall, dialect tweets', (row) => row.kind === 'dialect-tweet', (_row, p) => p],
      ...(['egy', 'glf', 'lev', 'mgr'] as const).map(
        (variety) =>
          [
            `  dialect recall, ${variety}`,
            (row: LangRow) => row.variety === variety,
            (_row: LangRow, p: boolean) => p,
          ] as [string, (row: LangRow) => boolean, (row: LangRow, predicted: boolean) => boolean],
      ),
      [
        'fa/ur -> Arabic confusion, sentences',
        (row) => PERSIAN_URDU.has(row.lang) && row.kind === 'sentence',
        (_row, p) => p,
      ],
      [
        'fa/ur -> Arabic confusion, texts >= 40 chars',
        (row) => PERSIAN_URDU.has(row.lang) && codePoints(row.text) >= 40,
        (_row, p) => p,
      ],
      [
        'fa/ur -> Arabic confusion, texts < 40 chars',
        (row) => PERSIAN_URDU.has(row.lang) && codePoints(row.text) < 40,
        (_row, p) => p,
      ],
      [
        'ps/pnb/ug/prs -> Arabic confusion (UDHR)',
        (row) => OTHER_ARABIC_SCRIPT.has(row.lang),
        (_row, p) => p,
      ],
    ];
  for (const [name, include, hit] of measures) {
    const cells = HALVES.map((half) => {
      let total = 0;
      let hits = 0;
      rows.forEach((row, index) => {
        const predicted = predictions[index] as boolean;
        // Precision counts only lines predicted Arabic.
        if (!inHalf(row.id, half) || !include(row)) return;
        if (name.startsWith('Arabic precision') && !predicted) return;
        total++;
        if (hit(row, predicted)) hits++;
      });
      return ratio(hits, total);
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  if (showErrors) {
    rows.forEach((row, index) => {
      if (inHalf(row.id, 'tune (even)') && predictions[index] !== (row.lang === 'ar')) {
        lines.push(`<!-- miss ${row.lang} ${row.kind}: ${row.text.slice(0, 80)} -->`);
      }
    });
  }
  return lines.join('\n');
}

function codeTable(rows: CodeRow[], showErrors: boolean): string {
  const lines = ['| measure | ' + HALVES.join(' | ') + ' |', '|---|' + HALVES.map(() => '---|').join('')];
  const predictions = rows.map((row) => detectCodeIntent(row.text).score >= 0.5);
  const cells = (select: (row: CodeRow, predicted: boolean) => [boolean, boolean] | undefined) =>
    HALVES.map((half) => {
      let total = 0;
      let hits = 0;
      rows.forEach((row, index) => {
        if (!inHalf(row.id, half)) return;
        const outcome = select(row, predictions[index] as boolean);
        if (!outcome) return;
        total++;
        if (outcome[1]) hits++;
      });
      return ratio(hits, total);
    });
  lines.push(`| code-intent accuracy | ${cells((row, p) => [true, p === row.is_code]).join(' | ')} |`);
  lines.push(
    `| code-intent precision | ${cells((row, p) => (p ? [true, row.is_code] : undefined)).join(' | ')} |`,
  );
  lines.push(
    `| code-intent recall | ${cells((row, p) => (row.is_code ? [true, p] : undefined)).join(' | ')} |`,
  );
  lines.push(
    `| accuracy on \`hard\` lines | ${cells((row, p) => (row.hard ? [true, p === row.is_code] : undefined)).join(' | ')} |`,
  );
  if (showErrors) {
    rows.forEach((row, index) => {
      if (inHalf(row.id, 'tune (even)') && predictions[index] !== row.is_code) {
        lines.push(`<!-- miss ${row.category}: ${row.text.slice(0, 80).replace(/\n/g, ' ')} -->`);
      }
    });
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const showErrors = process.argv.includes('--errors');
  const langRows = readJsonl<LangRow>(join(fixtures, 'langid', 'langid-eval.jsonl'));
  const codeRows = readJsonl<CodeRow>(join(fixtures, 'code-intent', 'code-intent.jsonl'));
  console.log(`# Routing evaluation\n\nNode ${process.version}; \`npm run eval:routing\`\n`);
  console.log(
    `## Arabic decision (${langRows.length} lines of ../shared/fixtures/langid/langid-eval.jsonl)\n`,
  );
  console.log(langidTable(langRows, showErrors));
  console.log(
    `\n## Code intent (${codeRows.length} lines of ../shared/fixtures/code-intent/code-intent.jsonl)\n`,
  );
  console.log(codeTable(codeRows, showErrors));
  console.log('\n## Speed and memory\n');
  console.log(await speedTable());
  const probe = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--memory-probe'],
    {
      encoding: 'utf8',
      cwd: root,
    },
  );
  console.log(probe.status === 0 ? probe.stdout.trim() : `memory probe failed: ${probe.stderr}`);
}

/** CPU and wall µs per full routing decision (`router.explain`) on 200-character turns. */
async function speedTable(): Promise<string> {
  const { createRouter } = await import('../src/routing/create-router.js');
  const { FakeModel } = await import('../src/testing/fake-model.js');
  const router = createRouter({ provider: (id) => new FakeModel({ id }), refresh: 'manual' });
  const lines = ['| 200-char turn | CPU µs per decision | wall µs per decision |', '|---|---|---|'];
  for (const row of timeDecisions((text) => router.explain(text), routingTurns())) {
    lines.push(`| ${row.name} | ${row.cpu.toFixed(2)} | ${row.wall.toFixed(2)} |`);
  }
  lines.push(
    '',
    'Medians of 7 runs of 4,000 decisions each, after warm-up. CPU time is the figure to compare:',
  );
  lines.push('wall time includes waiting for a core on a busy machine.');
  return lines.join('\n');
}

/** Run in a child with --expose-gc: heap added by loading the routing detectors and routing once. */
async function memoryProbe(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  const routing = await import('../src/routing/decide-route.js');
  const { scriptLanguageDetector } = await import('../src/routing/language-detector.js');
  routing.decideRoute(
    { text: 'مرحبا، اكتب دالة بايثون', images: 0, needsTools: false, messages: [] },
    {
      routes: new Map([
        [
          'general',
          {
            model: 'm',
            capabilities: { vision: true, functionCalling: true, fim: false, reasoning: false },
            capabilitiesKnown: true,
          },
        ],
      ]),
      rules: [],
      detector: scriptLanguageDetector,
    },
  );
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `\nHeap added by loading the detectors and routing one turn: ${((after - before) / 1024 / 1024).toFixed(2)} MB ` +
      "(heapUsed delta after gc; includes the modules' compiled code).",
  );
}

if (process.argv.includes('--memory-probe')) await memoryProbe();
else await main();
