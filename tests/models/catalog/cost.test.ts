import { describe, expect, it } from 'vitest';
import { defineAgent, run } from '../../../src/agent/index.js';
import {
  CACHED_INPUT_RATE,
  callCost,
  costOf,
  DEFAULT_PRICES,
  type ModelPrice,
} from '../../../src/models/catalog/index.js';
import { FakeModel } from '../../../src/testing/index.js';

const price: ModelPrice = { input: 2, cachedInput: 0.2, output: 6, asOf: '2026-12-01', source: 'test' };

describe('callCost', () => {
  it('bills cached prompt tokens at the cached rate and the rest at the input rate', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 500_000, totalTokens: 1_500_000 };
    expect(callCost(usage, price)).toBeCloseTo(2 + 3);
    expect(callCost({ ...usage, cachedTokens: 400_000 }, price)).toBeCloseTo(0.6 * 2 + 0.4 * 0.2 + 3);
  });

  it('never bills more cached tokens than prompt tokens', () => {
    const usage = { promptTokens: 100, completionTokens: 0, totalTokens: 100, cachedTokens: 1_000 };
    expect(callCost(usage, price)).toBeCloseTo((100 * 0.2) / 1e6);
  });
});

describe('costOf', () => {
  it('prices each model and names the ones without a price', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 1_000_000, totalTokens: 2_000_000 };
    const cost = costOf({ byModel: { 'codestral-latest': usage, 'my-vllm-model': usage } });
    expect(cost.byModel).toEqual({ 'codestral-latest': 0.3 + 0.9 });
    expect(cost.total).toBeCloseTo(1.2);
    expect(cost.unpriced).toEqual(['my-vllm-model']);
    expect(cost.currency).toBe('USD');
  });

  it('takes a table of your own, overriding or adding entries', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 0, totalTokens: 1_000_000 };
    const cost = costOf(
      { byModel: { 'my-vllm-model': usage } },
      { ...DEFAULT_PRICES, 'my-vllm-model': price },
    );
    expect(cost).toMatchObject({ total: 2, unpriced: [] });
  });

  it('does not read prices from the prototype chain', () => {
    const usage = { promptTokens: 10, completionTokens: 0, totalTokens: 10 };
    expect(costOf({ byModel: { toString: usage } }).unpriced).toEqual(['toString']);
  });
});

describe('DEFAULT_PRICES', () => {
  it("dates and sources every price, with cached input at Mistral's cached rate", () => {
    for (const [model, entry] of Object.entries(DEFAULT_PRICES)) {
      expect(entry.asOf, model).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.source, model).toMatch(/^https:\/\//);
      expect(entry.cachedInput, model).toBeCloseTo(entry.input * CACHED_INPUT_RATE);
    }
  });
});

describe('run-level cost', () => {
  it('is in result.usage.cost, per model, at the agent prices', async () => {
    const model = new FakeModel({
      id: 'mistral-small-latest',
      steps: [
        {
          text: 'hi',
          usage: { promptTokens: 1_000_000, completionTokens: 1_000_000, cachedTokens: 500_000 },
        },
      ],
    });
    model.push({
      text: 'hi',
      usage: { promptTokens: 1_000_000, completionTokens: 1_000_000, cachedTokens: 500_000 },
    });
    const result = await run(defineAgent({ name: 'priced', model }), 'hello');
    const small = DEFAULT_PRICES['mistral-small-latest']!;
    expect(result.usage.cost.total).toBeCloseTo(0.5 * small.input + 0.5 * small.cachedInput + small.output);
    const custom = await run(
      defineAgent({ name: 'custom', model, prices: { 'mistral-small-latest': price } }),
      'hello',
    );
    expect(custom.usage.cost.byModel['mistral-small-latest']).toBeCloseTo(0.5 * 2 + 0.5 * 0.2 + 6);
  });
});
