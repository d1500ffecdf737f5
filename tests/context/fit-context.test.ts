import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetFor, contextOverflowError, fitContext } from '../../src/context/index.js';
import type { Message } from '../../src/models/types.js';
import { createEstimatingCounter, createTokenCounter } from '../../src/tokens/index.js';
import { assertValidContext, characterCounter, historyArbitrary, makeTurn } from './support/histories.js';

const counter = characterCounter();
const total = (messages: readonly Message[]) =>
  messages.reduce((sum, message) => sum + counter.count(message), 0);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function conversation(turns: number, size = 200): Message[] {
  const messages: Message[] = [{ role: 'system', content: 'system prompt' }];
  for (let index = 0; index < turns; index++)
    messages.push(...makeTurn(index, { user: size, tool: [], answer: size }));
  return messages;
}

describe('fitContext', () => {
  it('returns a history that fits unchanged (same message objects, new array)', () => {
    const messages = conversation(5);
    const { messages: fitted, report } = fitContext(messages, budgetFor({ contextWindow: 100_000 }), {
      counter,
    });
    expect(fitted).toEqual(messages);
    expect(fitted).not.toBe(messages);
    for (const [index, message] of fitted.entries()) expect(message).toBe(messages[index]);
    expect(report).toMatchObject({
      kept: messages.length,
      dropped: 0,
      shortened: 0,
      summarized: 0,
      exact: true,
    });
    expect(report.tokens).toBe(total(messages));
  });

  it('reserves output, tool schemas and a 2% margin for exact counts, 15% for estimates', () => {
    const tools = [{ name: 'read', description: 'Read a file', parameters: { type: 'object' } }];
    const budget = budgetFor({ contextWindow: 10_000, maxTokens: 1_000, tools });
    const exact = fitContext([], budget, { counter }).report.available;
    const toolTokens = counter.countTools(tools);
    expect(exact).toBe(10_000 - 1_000 - toolTokens - 1 - Math.ceil(9_000 * 0.02));
    const estimated = fitContext([], budget, { counter: characterCounter(false) }).report.available;
    expect(estimated).toBe(10_000 - 1_000 - toolTokens - 1 - Math.ceil(9_000 * 0.15));
  });

  it('keeps the system message and the latest turn, drops the oldest turns', () => {
    const messages = conversation(100);
    const { messages: fitted, report } = fitContext(
      messages,
      budgetFor({ contextWindow: 20_000, maxTokens: 1_000 }),
      {
        counter,
      },
    );
    expect(fitted[0]).toBe(messages[0]);
    expect(fitted.at(-1)).toBe(messages.at(-1));
    expect(fitted.at(-2)).toBe(messages.at(-2));
    expect(report.dropped).toBeGreaterThan(0);
    expect(report.kept + report.dropped).toBe(messages.length);
    expect(report.tokens).toBeLessThanOrEqual(report.available);
    expect(report.tokens).toBe(total(fitted));
    assertValidContext(fitted);
  });

  it('never mutates its input', () => {
    const messages = deepFreeze(conversation(60));
    const copy = structuredClone(messages);
    fitContext(messages, budgetFor({ contextWindow: 8_000 }), { counter });
    expect(messages).toEqual(copy);
  });

  it('always returns a valid context that fits, or reports an overflow (property)', () => {
    fc.assert(
      fc.property(historyArbitrary, fc.integer({ min: 2_000, max: 60_000 }), (messages, contextWindow) => {
        const { messages: fitted, report } = fitContext(
          messages,
          budgetFor({ contextWindow, maxTokens: 500 }),
          {
            counter,
          },
        );
        assertValidContext(fitted);
        expect(fitted[0]).toBe(messages[0]);
        expect(report.tokens).toBe(total(fitted));
        if (report.overflow) expect(report.tokens).toBeGreaterThan(report.available);
        else expect(report.tokens).toBeLessThanOrEqual(report.available);
        const lastUser = messages.findLastIndex((message) => message.role === 'user');
        expect(fitted).toContain(messages[lastUser]);
        expect(fitted.at(-1)).toBe(messages.at(-1));
      }),
      { numRuns: 300 },
    );
  });

  it('shortens old long tool outputs to a marked preview before dropping turns', () => {
    const messages: Message[] = [{ role: 'system', content: 'system' }];
    messages.push(...makeTurn(0, { user: 10, tool: [[20_000]], answer: 10 }));
    for (let index = 1; index < 10; index++)
      messages.push(...makeTurn(index, { user: 100, tool: [], answer: 100 }));
    const { messages: fitted, report } = fitContext(
      messages,
      budgetFor({ contextWindow: 12_000, maxTokens: 500 }),
      {
        counter,
        previewChars: 300,
      },
    );
    expect(report.dropped).toBe(0);
    expect(report.shortened).toBe(1);
    const tool = fitted.find((message) => message.role === 'tool');
    expect(String(tool?.content).startsWith('r'.repeat(300))).toBe(true);
    expect(tool?.content).toContain('tool output shortened, 19,700 of 20,000 characters omitted');
    expect(messages[3]?.content).toHaveLength(20_000);
  });

  it('drops thinking from old assistant messages', () => {
    const messages: Message[] = [{ role: 'system', content: 'system' }];
    for (let index = 0; index < 12; index++) {
      messages.push(...makeTurn(index, { user: 50, tool: [], answer: 50, thinking: 3_000 }));
    }
    const { messages: fitted, report } = fitContext(
      messages,
      budgetFor({ contextWindow: 30_000, maxTokens: 500 }),
      {
        counter,
      },
    );
    expect(report.shortened).toBeGreaterThan(0);
    const last = fitted.at(-1);
    expect(last).toBe(messages.at(-1));
    const oldThinking = fitted
      .slice(0, -2)
      .filter((message) => message.role === 'assistant' && Array.isArray(message.content))
      .filter((message) =>
        (message.content as Array<{ type: string }>).some((part) => part.type === 'thinking'),
      );
    expect(oldThinking.length).toBeLessThan(12);
  });

  it('reports an overflow with numbers when the latest turn alone does not fit', () => {
    const messages: Message[] = [
      { role: 'system', content: 'system' },
      { role: 'user', content: 'x'.repeat(50_000) },
    ];
    const { messages: fitted, report } = fitContext(
      messages,
      budgetFor({ contextWindow: 32_768, maxTokens: 4_096 }),
      {
        counter,
      },
    );
    expect(fitted).toEqual(messages);
    expect(report.overflow).toEqual({
      needed: 50_015,
      contextWindow: 32_768,
      reserveOutput: 4_096,
      margin: 574,
    });
    const error = contextOverflowError(report);
    expect(error?.code).toBe('context-overflow');
    expect(error?.name).toBe('UserInputError');
    expect(error?.message).toContain(
      'Context needs 50,015 tokens but the window is 28,672 after reserving 4,096 for output',
    );
    expect(contextOverflowError({ ...report, overflow: undefined })).toBeUndefined();
  });

  it('never throws, even when the counter does', () => {
    const broken = {
      ...counter,
      count: () => {
        throw new Error('boom');
      },
    };
    const messages = conversation(3);
    const result = fitContext(messages, budgetFor({ contextWindow: 1_000 }), { counter: broken });
    expect(result.messages).toEqual(messages);
    expect(
      fitContext(messages, { contextWindow: Number.NaN, reserveOutput: -5 }, { counter }).messages[0],
    ).toBe(messages[0]);
  });

  it('inserts a summary right after the system message, followed by a user turn', () => {
    const messages = conversation(100);
    const budget = budgetFor({ contextWindow: 20_000, maxTokens: 1_000 });
    const first = fitContext(messages, budget, { counter });
    const summary = {
      message: {
        role: 'assistant',
        content: 'Summary of earlier turns.',
        meta: { synthetic: 'summary' },
      } as const,
      covers: first.evicted,
    };
    const { messages: fitted, report } = fitContext(messages, budget, { counter, summary });
    expect(fitted[1]).toBe(summary.message);
    expect(fitted[2]?.role).toBe('user');
    expect(report.summarized).toBe(first.evicted);
    expect(report.dropped).toBe(0);
    assertValidContext(fitted);
  });

  it('ignores a summary that covers kept messages', () => {
    const messages = conversation(10);
    const summary = {
      message: { role: 'assistant', content: 'old' } as Message & { role: 'assistant' },
      covers: 3,
    };
    const { messages: fitted } = fitContext(messages, budgetFor({ contextWindow: 100_000 }), {
      counter,
      summary,
    });
    expect(fitted).toEqual(messages);
  });

  it('works with the default Tekken counter and the estimator', () => {
    const messages = conversation(30, 2_000);
    for (const tokenCounter of [createTokenCounter(), createEstimatingCounter(), undefined]) {
      const { messages: fitted, report } = fitContext(messages, budgetFor({ contextWindow: 16_000 }), {
        counter: tokenCounter,
      });
      assertValidContext(fitted);
      expect(report.tokens).toBeLessThanOrEqual(report.available);
      expect(report.dropped).toBeGreaterThan(0);
    }
  });
});
