import { budgetFor } from '../../../src/context/context-budget.js';
import { type FitContextOptions, fitContext } from '../../../src/context/fit-context.js';
import type { ContextBudget } from '../../../src/context/types.js';
import type { Message } from '../../../src/models/types.js';
import type { TokenCounter } from '../../../src/tokens/types.js';
import { makeTurn } from './histories.js';

/** A small seeded PRNG (mulberry32), so simulations are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Mixed turn sizes, in tokens for a one-token-per-character counter: mostly short chat (60%), some pasted
 * documents (5%), tool-heavy turns with 1-3 groups of 1-2 outputs up to 6K (25%), reasoning turns (10%).
 */
export function randomTurn(index: number, random: () => number): Message[] {
  const roll = random();
  const size = (min: number, max: number) => Math.floor(min + random() * (max - min));
  if (roll < 0.6) return makeTurn(index, { user: size(20, 600), tool: [], answer: size(100, 1_500) });
  if (roll < 0.65) return makeTurn(index, { user: size(2_000, 12_000), tool: [], answer: size(200, 1_500) });
  if (roll < 0.9) {
    const groups = Array.from({ length: size(1, 4) }, () =>
      Array.from({ length: size(1, 3) }, () => size(100, 6_000)),
    );
    return makeTurn(index, { user: size(20, 400), tool: groups, answer: size(100, 1_000) });
  }
  return makeTurn(index, {
    user: size(20, 400),
    tool: [],
    answer: size(200, 1_000),
    thinking: size(300, 3_000),
  });
}

/** How often consecutive prompts shared their prefix. */
export interface PrefixStability {
  turns: number;
  /** Share of turns whose previous prompt (all its messages) is a prefix of the new prompt. */
  unchangedShare: number;
  /** Share of all prompt tokens that repeat the previous prompt's prefix (what a prompt cache can serve). */
  cachedTokenShare: number;
  /** Mean prompt tokens sent per turn. */
  meanPromptTokens: number;
}

/** A context strategy: given the history, the messages to send. */
export type Strategy = (
  history: readonly Message[],
  budget: ContextBudget,
  counter: TokenCounter,
) => Message[];

/** The strategy under test: {@link fitContext} with hysteresis. */
export const hysteresis =
  (options: FitContextOptions = {}): Strategy =>
  (history, budget, counter) =>
    fitContext(history, budget, { ...options, counter }).messages;

/** The baseline: drop the oldest whole turns until the rest fits (no blocks, no shortening). */
export const dropOldest: Strategy = (history, budget, counter) => {
  const available = fitContext([], budget, { counter }).report.available;
  const system = history[0]?.role === 'system' ? [history[0]] : [];
  let start = system.length;
  let tokens = history.reduce((sum, message) => sum + counter.count(message), 0);
  while (tokens > available) {
    let next = start + 1;
    while (next < history.length && history[next]?.role !== 'user') next++;
    if (next >= history.length) break;
    for (let index = start; index < next; index++) tokens -= counter.count(history[index]!);
    start = next;
  }
  return [...system, ...history.slice(start)];
};

/**
 * Simulates `turns` user turns into a window: before each model call (a new user message arrives), the
 * strategy fits the history; measures how much of each prompt repeats the previous one.
 */
export function simulate(options: {
  turns: number;
  contextWindow: number;
  counter: TokenCounter;
  strategy: Strategy;
  seed?: number;
}): PrefixStability {
  const random = seededRandom(options.seed ?? 7);
  const budget = budgetFor({ contextWindow: options.contextWindow, maxTokens: 4_096 });
  const history: Message[] = [{ role: 'system', content: 'You are a careful assistant. '.repeat(20) }];
  let previous: Message[] = [];
  let unchanged = 0;
  let cachedTokens = 0;
  let promptTokens = 0;
  for (let turn = 0; turn < options.turns; turn++) {
    const messages = randomTurn(turn, random);
    history.push(messages[0]!);
    const prompt = options.strategy(history, budget, options.counter);
    let common = 0;
    while (common < previous.length && prompt[common] === previous[common]) common++;
    if (turn > 0 && common === previous.length) unchanged++;
    for (let index = 0; index < prompt.length; index++) {
      const tokens = options.counter.count(prompt[index]!);
      promptTokens += tokens;
      if (index < common) cachedTokens += tokens;
    }
    history.push(...messages.slice(1));
    previous = prompt;
  }
  return {
    turns: options.turns,
    unchangedShare: unchanged / Math.max(1, options.turns - 1),
    cachedTokenShare: cachedTokens / Math.max(1, promptTokens),
    meanPromptTokens: promptTokens / options.turns,
  };
}
