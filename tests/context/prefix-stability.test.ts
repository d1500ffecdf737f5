import { describe, expect, it } from 'vitest';
import { budgetFor, fitContext } from '../../src/context/index.js';
import type { Message } from '../../src/models/types.js';
import { characterCounter } from './support/histories.js';
import {
  dropOldest,
  hysteresis,
  randomTurn,
  seededRandom,
  simulate,
} from './support/simulate-conversation.js';

const counter = characterCounter();

describe('prefix stability over a long conversation', () => {
  it('block eviction keeps the previous prompt as a prefix far more often than drop-oldest (128K)', () => {
    const base = { turns: 600, contextWindow: 131_072, counter };
    const blocks = simulate({ ...base, strategy: hysteresis() });
    const naive = simulate({ ...base, strategy: dropOldest });
    expect(blocks.unchangedShare).toBeGreaterThan(0.85);
    expect(blocks.unchangedShare).toBeGreaterThan(naive.unchangedShare + 0.2);
    expect(blocks.cachedTokenShare).toBeGreaterThan(naive.cachedTokenShare + 0.2);
  });

  it('a lower low-water mark trades kept context for more stable prefixes', () => {
    const base = { turns: 400, contextWindow: 131_072, counter };
    const wide = simulate({ ...base, strategy: hysteresis({ lowWater: 0.5 }) });
    const narrow = simulate({ ...base, strategy: hysteresis({ lowWater: 0.9 }) });
    expect(wide.unchangedShare).toBeGreaterThan(narrow.unchangedShare);
    expect(wide.meanPromptTokens).toBeLessThan(narrow.meanPromptTokens);
  });

  // In a window no single turn overflows: an overflowing turn, once old and shortened, may let the cut step back.
  it('the cut only moves forward, at most once per block of growth', () => {
    const random = seededRandom(11);
    const budget = budgetFor({ contextWindow: 65_536, maxTokens: 1_024 });
    const history: Message[] = [{ role: 'system', content: 'system' }];
    const cuts: number[] = [];
    let rawTokens = 0;
    for (let turn = 0; turn < 400; turn++) {
      const messages = randomTurn(turn, random);
      history.push(...messages);
      rawTokens += messages.reduce((sum, message) => sum + counter.count(message), 0);
      cuts.push(fitContext(history, budget, { counter }).evicted);
    }
    const available = fitContext([], budget, { counter }).report.available;
    const step = available - Math.floor(available * 0.75);
    let moves = 0;
    for (let index = 1; index < cuts.length; index++) {
      expect(cuts[index]).toBeGreaterThanOrEqual(cuts[index - 1]!);
      if (cuts[index] !== cuts[index - 1]) moves++;
    }
    expect(moves).toBeGreaterThan(0);
    expect(moves).toBeLessThanOrEqual(Math.ceil(rawTokens / step) + 1);
  });
});
