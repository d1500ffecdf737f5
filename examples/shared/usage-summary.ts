import type { Usage } from '../../src/index.js';

/** USD per million tokens, input and output. */
export interface Price {
  input: number;
  output: number;
}

/**
 * Approximate list prices on La Plateforme (USD per 1M tokens), from mistral.ai/pricing at the time of
 * writing. Prices change: check the page before relying on the totals. Unknown models show no cost.
 */
export const listPrices: Record<string, Price> = {
  'mistral-small-latest': { input: 0.1, output: 0.3 },
  'mistral-small-2603': { input: 0.1, output: 0.3 },
  'mistral-small-2503': { input: 0.1, output: 0.3 },
  'codestral-latest': { input: 0.3, output: 0.9 },
  'codestral-2508': { input: 0.3, output: 0.9 },
  'mistral-saba-latest': { input: 0.2, output: 0.6 },
  'mistral-medium-latest': { input: 0.4, output: 2 },
  'mistral-large-latest': { input: 0.5, output: 1.5 },
};

/** The cost of `usage` at `price`, in USD. */
export function costOf(usage: Usage, price: Price): number {
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}

/** A small table of tokens and estimated cost per model, with a total line. */
export function formatUsageSummary(
  byModel: Record<string, Usage>,
  prices: Record<string, Price> = listPrices,
): string {
  const rows = Object.entries(byModel).map(([model, usage]) => {
    const price = prices[model];
    return { model, usage, cost: price ? costOf(usage, price) : undefined };
  });
  const width = Math.max(5, ...rows.map((row) => row.model.length));
  const number = (value: number) => value.toLocaleString('en').padStart(9);
  const lines = [`${'model'.padEnd(width)}  ${'input'.padStart(9)}  ${'output'.padStart(9)}  cost (USD)`];
  let total = 0;
  for (const row of rows) {
    total += row.cost ?? 0;
    const cost = row.cost === undefined ? 'n/a' : `$${row.cost.toFixed(6)}`;
    lines.push(
      `${row.model.padEnd(width)}  ${number(row.usage.promptTokens)}  ${number(row.usage.completionTokens)}  ${cost}`,
    );
  }
  lines.push(
    `${'total'.padEnd(width)}  ${' '.repeat(9)}  ${' '.repeat(9)}  $${total.toFixed(6)} (list prices, approximate)`,
  );
  return lines.join('\n');
}
