import { describe, expectTypeOf, it } from 'vitest';
import {
  type ContextSummary,
  type ContextTrimReport,
  fitContext,
  fitContextWithSummary,
  type SummaryFitResult,
} from '../../src/context/index.js';
import { InMemoryStore, type MemoryStore } from '../../src/memory/index.js';
import type { Message } from '../../src/models/types.js';
import { JsonlFileStore } from '../../src/node/index.js';
import {
  type CalibratingTokenCounter,
  createEstimatingCounter,
  createTokenCounter,
  type TokenCounter,
} from '../../src/tokens/index.js';

describe('memory API types', () => {
  it('counters are TokenCounters with calibration', () => {
    expectTypeOf(createTokenCounter()).toEqualTypeOf<CalibratingTokenCounter>();
    expectTypeOf(createEstimatingCounter()).toMatchTypeOf<TokenCounter>();
    expectTypeOf(createTokenCounter().observe).parameters.toEqualTypeOf<[number, number]>();
  });

  it('stores implement MemoryStore', () => {
    expectTypeOf(new InMemoryStore()).toMatchTypeOf<MemoryStore>();
    expectTypeOf(new JsonlFileStore({ directory: 'x' })).toMatchTypeOf<MemoryStore>();
  });

  it('fitContext returns messages and a report synchronously; the summary step is async', () => {
    const result = fitContext([], { contextWindow: 1, reserveOutput: 0 });
    expectTypeOf(result.messages).toEqualTypeOf<Message[]>();
    expectTypeOf(result.report).toEqualTypeOf<ContextTrimReport>();
    expectTypeOf(fitContextWithSummary).returns.resolves.toEqualTypeOf<SummaryFitResult>();
  });

  it('a summary must be an assistant message', () => {
    expectTypeOf<ContextSummary['message']['role']>().toEqualTypeOf<'assistant'>();
    // @ts-expect-error a system message cannot be a summary
    const wrong: ContextSummary = { message: { role: 'system', content: 'x' }, covers: 1 };
    void wrong;
  });
});
