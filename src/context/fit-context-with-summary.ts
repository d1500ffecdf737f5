import { AbortError, abortErrorFrom } from '../errors.js';
import type { AssistantMessage, Message, Model } from '../models/types.js';
import {
  type ContextSummary,
  type FitContextOptions,
  type FitContextResult,
  fitContext,
} from './fit-context.js';
import { summaryTranscript } from './summary-transcript.js';
import type { ContextBudget } from './types.js';

/** How to summarize evicted turns. */
export interface SummarizeOptions {
  /** The model that writes summaries (any {@link Model}; a small, cheap one is usually right). */
  model: Model;
  /** The summary from an earlier call; reused when it still covers the evicted span, extended otherwise. */
  previous?: ContextSummary;
  /** System prompt for the summarizer. */
  instructions?: string;
  /** Output limit for the summary. @default 1024 */
  maxTokens?: number;
  /** Characters of the evicted span sent to the summarizer at most (the middle is left out). @default 120000 */
  maxInputChars?: number;
  signal?: AbortSignal;
}

/** A {@link FitContextResult} plus the summary to pass back as `previous` next time. */
export interface SummaryFitResult extends FitContextResult {
  /** The summary used, if any. Store it and pass it as `summarize.previous` on the next call. */
  summary?: ContextSummary;
  /** Why no summary was made when one was needed (the summarizer failed); the fit then just drops. */
  summaryError?: unknown;
}

const DEFAULT_INSTRUCTIONS =
  'You summarize the earlier part of a conversation between a user and an AI assistant so the assistant can ' +
  'continue it without the original messages. Keep facts, decisions, names, numbers, file paths, open ' +
  'questions and what the user asked for. Drop pleasantries. Write in the language of the conversation. ' +
  'Answer with the summary only.';

/**
 * {@link fitContext}, then summarizes the evicted turns with a model of your choice into ONE assistant message
 * (`meta.synthetic: 'summary'`) placed right after the system messages, and fits again with it. The model is
 * called only when the evicted span grows (once per eviction step): pass the returned `summary` back as
 * `summarize.previous`. Throws only an `AbortError` when `signal` aborts; a failing summarizer falls back to
 * plain eviction and sets `summaryError`.
 * @example
 * let summary: ContextSummary | undefined;
 * const fitted = await fitContextWithSummary(history, budget, { summarize: { model: small, previous: summary } });
 * summary = fitted.summary;
 */
export async function fitContextWithSummary(
  messages: readonly Message[],
  budget: ContextBudget,
  options: Omit<FitContextOptions, 'summary'> & { summarize: SummarizeOptions },
): Promise<SummaryFitResult> {
  const { summarize, ...fitOptions } = options;
  const plain = fitContext(messages, budget, fitOptions);
  if (plain.evicted === 0) return plain;
  const previous = summarize.previous;
  if (previous && previous.covers === plain.evicted)
    return withSummary(messages, budget, fitOptions, previous);
  let systemCount = 0;
  while (messages[systemCount]?.role === 'system') systemCount++;
  const history = messages.slice(systemCount);
  const reuse = previous && previous.covers < plain.evicted ? previous : undefined;
  const span = history.slice(reuse?.covers ?? 0, plain.evicted);
  try {
    const text = await writeSummary(summarize, span, reuse);
    const summary: ContextSummary = {
      message: { role: 'assistant', content: text, meta: { synthetic: 'summary' } },
      covers: plain.evicted,
    };
    return withSummary(messages, budget, fitOptions, summary);
  } catch (error) {
    if (summarize.signal?.aborted) throw abortErrorFrom(summarize.signal, 'Summarizing the context');
    if (error instanceof AbortError) throw error;
    return { ...plain, summaryError: error };
  }
}

function withSummary(
  messages: readonly Message[],
  budget: ContextBudget,
  options: Omit<FitContextOptions, 'summary'>,
  summary: ContextSummary,
): SummaryFitResult {
  return { ...fitContext(messages, budget, { ...options, summary }), summary };
}

async function writeSummary(
  options: SummarizeOptions,
  span: readonly Message[],
  previous: ContextSummary | undefined,
): Promise<string> {
  const transcript = summaryTranscript(span, {
    maxMessageChars: 4_000,
    maxChars: options.maxInputChars ?? 120_000,
  });
  const earlier = previous ? `Summary so far:\n${textOf(previous.message)}\n\nWhat happened next:\n` : '';
  const response = await options.model.generate(
    {
      messages: [
        { role: 'system', content: options.instructions ?? DEFAULT_INSTRUCTIONS },
        { role: 'user', content: `${earlier}${transcript}\n\nWrite the summary now.` },
      ],
      settings: { maxTokens: options.maxTokens ?? 1_024, temperature: 0 },
    },
    options.signal ? { signal: options.signal } : {},
  );
  const text = textOf(response.message).trim();
  if (text.length === 0) throw new Error(`The summarizer ${options.model.id} answered with no text.`);
  return text;
}

function textOf(message: AssistantMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('');
}
