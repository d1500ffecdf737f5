import type { AssistantMessage, Message } from '../models/types.js';
import { PROMPT_OVERHEAD_TOKENS } from '../tokens/chat-template.js';
import { defaultTokenCounter } from '../tokens/default-counter.js';
import type { TokenCounter } from '../tokens/types.js';
import { safetyMargin } from './context-budget.js';
import { planEviction } from './plan-eviction.js';
import { DEFAULT_PREVIEW_CHARS, shortenMessage } from './shorten.js';
import { leadingSystemCount, turnBoundaries } from './turns.js';
import type { ContextBudget, ContextTrimReport } from './types.js';

/** A summary of the oldest part of a history, placed right after the system messages. */
export interface ContextSummary {
  /** One assistant message, `meta.synthetic: 'summary'`. */
  message: AssistantMessage;
  /** How many history messages (after the leading system messages) it stands for. */
  covers: number;
}

/** Options for {@link fitContext}. */
export interface FitContextOptions {
  /** Counts tokens. @default the shared Tekken counter ({@link defaultTokenCounter}) */
  counter?: TokenCounter;
  /** Eviction starts when the prompt exceeds this share of the usable window. @default 1 */
  highWater?: number;
  /** Each eviction step frees (highWater - lowWater) of the usable window. @default 0.75 */
  lowWater?: number;
  /** Characters of an old, long tool output kept as its preview. @default 1000 */
  previewChars?: number;
  /** A summary of evicted messages, used when it covers no more than the evicted span. */
  summary?: ContextSummary;
}

/** The fitted messages and what was done to them. */
export interface FitContextResult {
  messages: Message[];
  report: ContextTrimReport;
  /** History messages (after the system messages) evicted from the front: the span a summary should cover. */
  evicted: number;
}

/**
 * Fits a conversation into a model's context window. Keeps the leading system messages, the latest user turn,
 * and the most recent turns that fit; never separates a tool call from its results. Reserves output tokens,
 * tool schemas and a safety margin (2% exact, 15% estimated). Old, long tool outputs become previews and old
 * thinking is dropped before turns are evicted. Eviction moves in blocks of (highWater - lowWater) of the
 * window, so the kept prefix stays identical across turns and the provider's prompt cache keeps hitting.
 *
 * A pure function: it never mutates its input and never throws. When even the system messages and the
 * latest turn do not fit, it returns them anyway with `report.overflow` set (see `contextOverflowError`).
 * @example
 * const { messages, report } = fitContext(history, budgetFor({ contextWindow: 131_072, maxTokens: 4_096 }));
 */
export function fitContext(
  messages: readonly Message[],
  budget: ContextBudget,
  options: FitContextOptions = {},
): FitContextResult {
  try {
    return fitUnsafe(messages, budget, options);
  } catch {
    const report = {
      tokens: 0,
      available: 0,
      kept: messages.length,
      shortened: 0,
      summarized: 0,
      dropped: 0,
    };
    return { messages: [...messages], report: { ...report, exact: false }, evicted: 0 };
  }
}

function fitUnsafe(
  messages: readonly Message[],
  budget: ContextBudget,
  options: FitContextOptions,
): FitContextResult {
  const counter = options.counter ?? defaultTokenCounter();
  const exact = counter.exact;
  const previewChars = Math.max(0, options.previewChars ?? DEFAULT_PREVIEW_CHARS);
  const contextWindow = nonNegative(budget.contextWindow);
  const reserveOutput = nonNegative(budget.reserveOutput);
  const fixed = (budget.tools?.length ? counter.countTools(budget.tools) : 0) + PROMPT_OVERHEAD_TOKENS;
  const margin = Math.ceil(Math.max(0, contextWindow - reserveOutput) * safetyMargin(exact));
  const available = Math.max(0, contextWindow - reserveOutput - fixed - margin);
  const highShare = clamp(options.highWater ?? 1, 0.05, 1);
  const high = Math.floor(available * highShare);
  const low = Math.floor(available * clamp(options.lowWater ?? 0.75, 0, highShare - 0.01));

  const systemCount = leadingSystemCount(messages);
  const history = messages.slice(systemCount);
  let baseTokens = 0;
  for (let index = 0; index < systemCount; index++) baseTokens += counter.count(messages[index]!);
  const raw = history.map((message) => counter.count(message));
  const plan = planEviction({
    raw,
    shortened: (index) => counter.count(shortenMessage(history[index]!, previewChars)),
    boundaries: turnBoundaries(history),
    lastGroupStart: protectedTailStart(history),
    baseTokens,
    summaryTokens: options.summary ? counter.count(options.summary.message) : 0,
    summaryCovers: options.summary?.covers ?? 0,
    high,
    step: Math.max(1, high - low),
  });

  const fitted: Message[] = messages.slice(0, systemCount);
  if (plan.useSummary && options.summary) fitted.push(options.summary.message);
  let shortened = 0;
  for (let index = plan.cut; index < history.length; index++) {
    const message = history[index]!;
    const replacement = plan.isShortened(index) ? shortenMessage(message, previewChars) : message;
    if (replacement !== message) shortened++;
    fitted.push(replacement);
  }
  const summarized = plan.useSummary ? (options.summary?.covers ?? 0) : 0;
  const report: ContextTrimReport = {
    tokens: plan.tokens,
    available,
    kept: systemCount + history.length - plan.cut,
    shortened,
    summarized,
    dropped: plan.cut - summarized,
    exact,
  };
  if (plan.tokens > available) {
    report.overflow = { needed: plan.tokens + fixed, contextWindow, reserveOutput, margin };
  }
  return { messages: fitted, report, evicted: plan.cut };
}

/** Start of the newest tool-call group of the latest turn, else the last message: never shortened. */
function protectedTailStart(history: readonly Message[]): number {
  for (let index = history.length - 1; index >= 0; index--) {
    const message = history[index]!;
    if (message.role === 'user') break;
    if (message.role === 'assistant' && message.toolCalls?.length) return index;
  }
  return Math.max(0, history.length - 1);
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : max;
}
