import { describe, expect, it } from 'vitest';
import { countScripts, scriptShares } from '../../src/routing/detect-script.js';

describe('countScripts', () => {
  it.each([
    ['hello', { latin: 5 }],
    ['مرحبا', { arabic: 5 }],
    ['سلام دنیا', { arabic: 8 }],
    ['Привет', { cyrillic: 6 }],
    ['你好', { han: 2 }],
    ['こんにちは', { kana: 5 }],
    ['নমস্কার', { bengali: 7 }],
    ['abc ١٢٣ 123 !?', { latin: 3 }],
    ['👍🎉', {}],
  ])('%s', (text, expected) => {
    const { counts, letters } = countScripts(text);
    const nonZero = Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
    expect(nonZero).toEqual(expected);
    expect(letters).toBe(Object.values(expected).reduce((sum, count) => sum + count, 0));
  });

  it('reports shares of letters, ignoring digits, punctuation and diacritics', () => {
    expect(scriptShares(countScripts('مرحبا hello، ١٢٣'))).toEqual({ arabic: 0.5, latin: 0.5 });
    expect(scriptShares(countScripts('كَتَبَ'))).toEqual({ arabic: 1 });
    expect(scriptShares(countScripts('123'))).toEqual({});
  });
});
