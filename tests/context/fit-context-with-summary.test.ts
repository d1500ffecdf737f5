import { describe, expect, it } from 'vitest';
import { budgetFor, fitContextWithSummary } from '../../src/context/index.js';
import { isDragomanError } from '../../src/errors.js';
import type { Message } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { assertValidContext, characterCounter, makeTurn } from './support/histories.js';

const counter = characterCounter();
const budget = budgetFor({ contextWindow: 20_000, maxTokens: 1_000 });

function conversation(turns: number): Message[] {
  const messages: Message[] = [{ role: 'system', content: 'system prompt' }];
  for (let index = 0; index < turns; index++)
    messages.push(...makeTurn(index, { user: 300, tool: [], answer: 300 }));
  return messages;
}

describe('fitContextWithSummary', () => {
  it('summarizes the evicted span into one assistant message after the system message', async () => {
    const model = new FakeModel({ steps: [{ text: 'The user asked 40 questions about x.' }] });
    const messages = conversation(100);
    const result = await fitContextWithSummary(messages, budget, { counter, summarize: { model } });
    expect(result.messages[0]).toBe(messages[0]);
    expect(result.messages[1]).toEqual({
      role: 'assistant',
      content: 'The user asked 40 questions about x.',
      meta: { synthetic: 'summary' },
    });
    expect(result.messages[2]?.role).toBe('user');
    assertValidContext(result.messages);
    expect(result.report.summarized).toBe(result.summary?.covers);
    expect(result.report.summarized + result.report.dropped + result.report.kept).toBe(messages.length);
    expect(result.report.tokens).toBeLessThanOrEqual(result.report.available);
    const request = model.requests[0]!;
    const prompt = request.messages[1]?.content as string;
    expect(prompt).toContain('user: u0 ');
    expect(prompt).not.toContain(`u${99} `);
  });

  it('reuses the previous summary while the evicted span is unchanged, and extends it when it grows', async () => {
    const model = new FakeModel({ steps: [{ text: 'first summary' }, { text: 'second summary' }] });
    const messages = conversation(100);
    const first = await fitContextWithSummary(messages, budget, { counter, summarize: { model } });
    const grown = [...messages, ...makeTurn(100, { user: 300, tool: [], answer: 300 })];
    const again = await fitContextWithSummary(grown, budget, {
      counter,
      summarize: { model, previous: first.summary! },
    });
    expect(model.requests).toHaveLength(1);
    expect(again.messages[1]).toBe(first.summary?.message);

    let longer = grown;
    for (let turn = 101; turn < 140; turn++)
      longer = [...longer, ...makeTurn(turn, { user: 300, tool: [], answer: 300 })];
    const extended = await fitContextWithSummary(longer, budget, {
      counter,
      summarize: { model, previous: again.summary! },
    });
    expect(model.requests).toHaveLength(2);
    expect(model.requests[1]?.messages[1]?.content).toContain('Summary so far:\nfirst summary');
    expect(extended.summary?.covers).toBeGreaterThan(first.summary!.covers);
    expect(extended.messages[1]).toMatchObject({ content: 'second summary' });
  });

  it('does not call the model when nothing is evicted', async () => {
    const model = new FakeModel();
    const messages = conversation(3);
    const result = await fitContextWithSummary(messages, budget, { counter, summarize: { model } });
    expect(result.messages).toEqual(messages);
    expect(model.requests).toHaveLength(0);
  });

  it('falls back to plain eviction when the summarizer fails', async () => {
    const model = new FakeModel({ steps: [new Error('summarizer down')] });
    const result = await fitContextWithSummary(conversation(100), budget, { counter, summarize: { model } });
    expect(result.summaryError).toBeInstanceOf(Error);
    expect(result.summary).toBeUndefined();
    expect(result.report.summarized).toBe(0);
    assertValidContext(result.messages);
  });

  it('throws an AbortError when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    const model = new FakeModel({ steps: [{ text: 'never used' }] });
    const run = fitContextWithSummary(conversation(100), budget, {
      counter,
      summarize: { model, signal: controller.signal },
    });
    await expect(run).rejects.toSatisfy(
      (error: unknown) => isDragomanError(error) && error.code === 'aborted',
    );
  });
});
