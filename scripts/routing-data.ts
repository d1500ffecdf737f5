/**
 * The labeled texts the request model is trained and measured on, with a fixed split:
 * - `../shared/fixtures/routing-dev/routing-dev.jsonl`: 30% held out (FNV-1a of the id, mod 10 < 3),
 *   never trained or tuned on;
 * - `../shared/fixtures/langid/langid-eval.jsonl` and `code-intent/code-intent.jsonl`: the even half
 *   (FNV-1a of the id) trains, the odd half is held out, as the earlier eval did.
 * Training rows also carry a fold (0-4) for cross-validation while tuning.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashWord } from '../src/routing/word-hash.js';

export type Expect = 'arabic' | 'code' | 'general';

/** One labeled text. */
export interface LabeledText {
  id: string;
  text: string;
  expect: Expect;
  lang: string;
  group: string;
  set: 'dev' | 'langid' | 'code-intent';
  split: 'train' | 'held-out';
  /** 0-4 for training rows: the cross-validation fold. */
  fold: number;
  kind?: string;
  variety?: string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The shared fixtures folder. */
export const FIXTURES = join(root, '..', 'shared', 'fixtures');

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const idHash = (id: string) => hashWord(id, (code) => code) >>> 0;

/** Reads all three sets and assigns the split and folds. */
export function loadRoutingData(): LabeledText[] {
  const rows: LabeledText[] = [];
  const add = (row: Omit<LabeledText, 'split' | 'fold'>, heldOut: boolean) => {
    rows.push({ ...row, split: heldOut ? 'held-out' : 'train', fold: (idHash(row.id) >>> 8) % 5 });
  };
  for (const row of readJsonl(join(FIXTURES, 'routing-dev', 'routing-dev.jsonl'))) {
    const id = String(row.id);
    add(
      {
        id,
        text: String(row.text),
        expect: row.expect as Expect,
        lang: String(row.lang),
        group: String(row.group),
        set: 'dev',
        ...(row.variety ? { variety: String(row.variety) } : {}),
      },
      idHash(id) % 10 < 3,
    );
  }
  for (const row of readJsonl(join(FIXTURES, 'langid', 'langid-eval.jsonl'))) {
    const id = String(row.id);
    const lang = String(row.lang);
    add(
      {
        id,
        text: String(row.text),
        expect: lang === 'ar' ? 'arabic' : 'general',
        lang,
        group: `langid-${String(row.kind)}`,
        set: 'langid',
        kind: String(row.kind),
        ...(row.variety ? { variety: String(row.variety) } : {}),
      },
      (hashWord(id, (code) => code) & 1) === 1,
    );
  }
  for (const row of readJsonl(join(FIXTURES, 'code-intent', 'code-intent.jsonl'))) {
    const id = String(row.id);
    const lang = String(row.lang);
    const expect: Expect = row.is_code ? 'code' : lang === 'ar' ? 'arabic' : 'general';
    add(
      {
        id,
        text: String(row.text),
        expect,
        lang,
        group: `code-intent-${String(row.category)}`,
        set: 'code-intent',
      },
      (hashWord(id, (code) => code) & 1) === 1,
    );
  }
  return rows;
}
