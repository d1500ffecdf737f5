/**
 * The "Done when" figures for a set of routed texts, with their targets.
 */
import type { Expect, LabeledText } from './routing-data.js';

/** One figure: hits of total, and whether it meets its target. */
export interface Figure {
  name: string;
  hits: number;
  total: number;
  /** `>= 0.97` style target, as [direction, value]. */
  target: ['>=' | '<=', number];
}

const OTHER_ARABIC_SCRIPT = new Set(['fa', 'ur', 'ps', 'ckb', 'sd', 'ug']);
const codePoints = (text: string) => [...text].length;

/** Computes the dev-set figures for `rows`, routed as `routes[i]`. */
export function doneWhenFigures(rows: readonly LabeledText[], routes: readonly Expect[]): Figure[] {
  const figures: Figure[] = [];
  const add = (
    name: string,
    target: Figure['target'],
    select: (row: LabeledText) => boolean,
    hit: (row: LabeledText, route: Expect) => boolean,
  ) => {
    let hits = 0;
    let total = 0;
    rows.forEach((row, index) => {
      if (!select(row)) return;
      total++;
      if (hit(row, routes[index] as Expect)) hits++;
    });
    figures.push({ name, hits, total, target });
  };
  const to = (route: Expect) => (_row: LabeledText, got: Expect) => got === route;
  add(
    'overall',
    ['>=', 0.97],
    () => true,
    (row, got) => got === row.expect,
  );
  // Arabic recall is for Arabic script (the baseline counts it so); Arabizi has its own line.
  add(
    'Arabic recall (Arabic script, all regions)',
    ['>=', 0.995],
    (row) => row.expect === 'arabic' && row.lang === 'ar',
    to('arabic'),
  );
  add(
    'Arabic recall, texts <= 20 chars',
    ['>=', 0.98],
    (row) => row.expect === 'arabic' && row.lang === 'ar' && codePoints(row.text) <= 20,
    to('arabic'),
  );
  add('coding requests -> code', ['>=', 0.92], (row) => row.expect === 'code', to('code'));
  add('general -> general', ['>=', 0.98], (row) => row.expect === 'general', to('general'));
  add(
    'everyday prose with programming words -> code',
    ['<=', 0.05],
    (row) => row.group === 'keyword-prose',
    to('code'),
  );
  add('Jawi script -> arabic', ['<=', 0.05], (row) => row.lang === 'ms-Arab', to('arabic'));
  add('Arabizi -> arabic', ['>=', 0.9], (row) => row.lang === 'ar-Latn', to('arabic'));
  add(
    'fa/ur/ps/ckb/sd/ug -> arabic',
    ['<=', 0.01],
    (row) => OTHER_ARABIC_SCRIPT.has(row.lang) && row.expect === 'general',
    to('arabic'),
  );
  add(
    'StackOverflow titles -> code (extra)',
    ['>=', 0.92],
    (row) => row.group.startsWith('so-title'),
    to('code'),
  );
  return figures;
}

/** True when a figure meets its target. */
export function meets(figure: Figure): boolean {
  if (figure.total === 0) return true;
  const share = figure.hits / figure.total;
  return figure.target[0] === '>=' ? share >= figure.target[1] : share <= figure.target[1];
}

/** `97.12% (512/527)`. */
export function ratio(hits: number, total: number): string {
  return total === 0 ? 'n/a' : `${((hits / total) * 100).toFixed(2)}% (${hits}/${total})`;
}

/**
 * How far a figure is on the right side of its target, in binomial standard errors at the target
 * (negative: missed). A held-out split of the same make-up divides every margin by the same factor, so
 * the threshold with the largest smallest margin is the one least likely to miss a target there.
 */
export function targetMargin(figure: Figure): number {
  if (figure.total === 0) return Number.POSITIVE_INFINITY;
  const [direction, target] = figure.target;
  const error = Math.sqrt((target * (1 - target)) / figure.total);
  const share = figure.hits / figure.total;
  return (direction === '>=' ? share - target : target - share) / error;
}
