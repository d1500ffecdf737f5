/** The numbers {@link planEviction} decides from. All token counts include template overhead. */
export interface EvictionInput {
  /** Tokens of each history message (after the leading system messages). */
  raw: readonly number[];
  /** Tokens of a message's shortened copy (equal to `raw` when it cannot be shortened). */
  shortened: (index: number) => number;
  /** Valid cut points, ascending, starting with 0; the last one starts the latest turn. */
  boundaries: readonly number[];
  /** Start of the latest turn's protected tail: its newest tool-call group, else its last message. */
  lastGroupStart: number;
  baseTokens: number;
  summaryTokens: number;
  summaryCovers: number;
  /** Eviction starts above this many tokens. */
  high: number;
  /** Tokens per eviction block (high - low water). */
  step: number;
}

/** Where to cut and what to shorten. */
export interface EvictionPlan {
  /** First kept history index: everything before it is evicted. */
  cut: number;
  useSummary: boolean;
  /** Message tokens of the fitted prompt. */
  tokens: number;
  isShortened(index: number): boolean;
}

/**
 * Blocks (of `step` tokens) nearest the cut whose old tool outputs and thinking are shortened; newer turns
 * stay whole. Two blocks = half the window with the default water marks.
 */
const SHORTENED_BLOCKS = 2;

/**
 * Chooses the cut with hysteresis, statelessly. Positions are cumulative raw tokens from the start of the
 * history, which only grows at the end, so anything defined by a position never moves until the block
 * count changes:
 * - step k evicts up to the first turn boundary at or after k * step tokens, and shortens (previews for long
 *   tool outputs, no thinking) up to the first boundary at or after (k + 2) * step;
 * - the smallest k whose kept tokens fit under `high` wins, so the prompt changes only when the history grows
 *   past the next block, and then both the cut and the shortened span move at once.
 * When nothing fits, the latest turn's older tool outputs are shortened as a last resort.
 */
export function planEviction(input: EvictionInput): EvictionPlan {
  const { raw, boundaries, step, high } = input;
  const count = raw.length;
  const position = new Float64Array(count + 1);
  for (let index = 0; index < count; index++) position[index + 1] = position[index]! + raw[index]!;
  const total = position[count]!;
  if (input.baseTokens + total <= high) {
    return { cut: 0, useSummary: false, tokens: input.baseTokens + total, isShortened: () => false };
  }

  const latestStart = boundaries[boundaries.length - 1] ?? 0;
  const shortenedPosition = new Float64Array(latestStart + 1);
  for (let index = 0; index < latestStart; index++) {
    shortenedPosition[index + 1] = shortenedPosition[index]! + input.shortened(index);
  }
  for (let block = 0; ; block++) {
    const cut = firstBoundaryAtOrAfter(boundaries, position, block * step, latestStart);
    const frontier = firstBoundaryAtOrAfter(
      boundaries,
      position,
      (block + SHORTENED_BLOCKS) * step,
      latestStart,
    );
    const useSummary = cut > 0 && input.summaryCovers > 0 && input.summaryCovers <= cut;
    const tokens =
      input.baseTokens +
      (useSummary ? input.summaryTokens : 0) +
      shortenedPosition[frontier]! -
      shortenedPosition[cut]! +
      total -
      position[frontier]!;
    const plan = { cut, useSummary, tokens, isShortened: (index: number) => index < frontier };
    if (tokens <= high) return plan;
    if (cut === latestStart) return shortenLatestTurn(input, plan, position);
  }
}

function shortenLatestTurn(input: EvictionInput, plan: EvictionPlan, position: Float64Array): EvictionPlan {
  const from = plan.cut + 1;
  const to = Math.max(from, input.lastGroupStart);
  let tokens = plan.tokens;
  for (let index = from; index < to; index++) {
    tokens -= position[index + 1]! - position[index]! - input.shortened(index);
  }
  return { ...plan, tokens, isShortened: (index) => index < from - 1 || (index >= from && index < to) };
}

/** The first boundary whose position is at least `target`, or `last` when none comes before it. */
function firstBoundaryAtOrAfter(
  boundaries: readonly number[],
  position: Float64Array,
  target: number,
  last: number,
): number {
  let low = 0;
  let high = boundaries.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (position[boundaries[middle]!]! >= target) high = middle;
    else low = middle + 1;
  }
  const found = boundaries[low] ?? last;
  return Math.min(found, last);
}
