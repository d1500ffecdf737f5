import { costOf, DEFAULT_PRICES, type PriceTable, type Usage } from '../../src/index.js';

/**
 * A small table of tokens and estimated cost per model, with a total line. `cached` is the part of the input
 * Mistral's prompt cache served (`usage.cachedTokens`, 0 when the server reported none). Costs come from the
 * library's `costOf` and its dated list prices (cached prompt tokens at Mistral's cached rate); unknown models
 * show n/a.
 */
export function formatUsageSummary(
  byModel: Record<string, Usage>,
  prices: PriceTable = DEFAULT_PRICES,
): string {
  const cost = costOf({ byModel }, prices);
  const rows = Object.entries(byModel).map(([model, usage]) => ({ model, usage, cost: cost.byModel[model] }));
  const width = Math.max(5, ...rows.map((row) => row.model.length));
  const number = (value: number) => value.toLocaleString('en').padStart(9);
  const head = ['input', 'cached', 'output'].map((title) => title.padStart(9)).join('  ');
  const lines = [`${'model'.padEnd(width)}  ${head}  cost (USD)`];
  for (const row of rows) {
    const amount = row.cost === undefined ? 'n/a' : `$${row.cost.toFixed(6)}`;
    lines.push(
      `${row.model.padEnd(width)}  ${number(row.usage.promptTokens)}  ${number(row.usage.cachedTokens ?? 0)}  ` +
        `${number(row.usage.completionTokens)}  ${amount}`,
    );
  }
  lines.push(
    `${'total'.padEnd(width)}  ${' '.repeat(31)}  $${cost.total.toFixed(6)} (list prices, approximate)`,
  );
  return lines.join('\n');
}
