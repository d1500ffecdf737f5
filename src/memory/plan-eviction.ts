/** The numbers {@link planEviction} decides from. All token counts include template overhead. */
export interface EvictionInput {
  /** Tokens of each history message (after the leading system messages). */
  raw: readonly number[];
  /** Tokens of a message's shortened copy (equal to `raw` when it cannot be shortened). */
  shortened: (index: number) => number;
  /** Valid cut points, ascending, starting with 0; the last one starts the latest turn. */
  boundaries: readonly number[];
  /** Index of the newest tool-call group in the latest turn (history length when none). */
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
 * Chooses the cut with hysteresis, statelessly. Positions are cumulative raw tokens from the start of the
 * history, which only grows at the end, so a cut defined by position never moves between steps:
 * - the cut for step k is the first turn boundary at or after k * step tokens; the smallest k whose kept
 *   tokens fit under `high` wins, so k (and the cut) only advance when the history grows past the next block;
 * - old tool outputs and thinking are shortened before a "frontier": the first boundary at or after the last
 *   whole block before the latest turn. The frontier also moves in blocks, so shortened text is stable too.
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
  const frontier = firstBoundaryAtOrAfter(
    boundaries,
    position,
    Math.floor(position[latestStart]! / step) * step,
    latestStart,
  );
  const effective = new Float64Array(count + 1);
  for (let index = 0; index < count; index++) {
    effective[index + 1] = effective[index]! + (index < frontier ? input.shortened(index) : raw[index]!);
  }
  const keptTokens = (cut: number) => {
    const useSummary = cut > 0 && input.summaryCovers > 0 && input.summaryCovers <= cut;
    const tokens =
      input.baseTokens + (useSummary ? input.summaryTokens : 0) + effective[count]! - effective[cut]!;
    return { useSummary, tokens };
  };

  for (let block = 0; ; block++) {
    const cut = firstBoundaryAtOrAfter(boundaries, position, block * step, latestStart);
    const kept = keptTokens(cut);
    if (kept.tokens <= high || cut === latestStart) {
      if (kept.tokens <= high) return { cut, ...kept, isShortened: (index) => index < frontier };
      return shortenLatestTurn(input, cut, frontier, kept, position);
    }
  }
}

function shortenLatestTurn(
  input: EvictionInput,
  cut: number,
  frontier: number,
  kept: { useSummary: boolean; tokens: number },
  position: Float64Array,
): EvictionPlan {
  const from = cut + 1;
  const to = Math.max(from, input.lastGroupStart);
  let tokens = kept.tokens;
  for (let index = from; index < to; index++) {
    tokens -= position[index + 1]! - position[index]! - input.shortened(index);
  }
  return {
    cut,
    useSummary: kept.useSummary,
    tokens,
    isShortened: (index) => index < frontier || (index >= from && index < to),
  };
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
