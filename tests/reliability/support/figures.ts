/**
 * Figures the suite measures (load throughput, latency, memory, crash iterations). Printed as one line per
 * figure, and appended as JSON lines to `$RELIABILITY_FIGURES` when set, so docs/reliability.md can quote
 * one run exactly.
 */
import { appendFileSync } from 'node:fs';

/** Prints `name: value` and records it. */
export function reportFigure(name: string, value: number | string, unit = ''): void {
  console.log(`[reliability] ${name}: ${value}${unit ? ` ${unit}` : ''}`);
  const file = process.env.RELIABILITY_FIGURES;
  if (file)
    appendFileSync(
      file,
      `${JSON.stringify({ name, value, unit, bounded: process.env.RELIABILITY_BOUNDED === '1' })}\n`,
    );
}

/** The `p`-th percentile (0..100) of `values`, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
