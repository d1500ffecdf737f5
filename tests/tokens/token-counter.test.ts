import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ESTIMATED_MARGIN } from '../../src/context/index.js';
import type { Message } from '../../src/models/types.js';
import { PROMPT_OVERHEAD_TOKENS, toolCallsText } from '../../src/tokens/chat-template.js';
import { createEstimatingCounter, createTokenCounter } from '../../src/tokens/index.js';
import { nodeRequire } from '../../src/tokens/node-require.js';
import { loadTekkenEngine } from '../../src/tokens/tekken-engine.js';
import { readFixture, readLangid, type TekkenVectors } from './support/fixtures.js';
import { referenceEncoder } from './support/reference-encoder.js';
import { weatherChat, weatherTools } from './support/weather-chat.js';

const vectors = readFixture<TekkenVectors>('tokenizer/tekken-test-vectors.json');
const engine = loadTekkenEngine(nodeRequire()!);
const reference = referenceEncoder();

describe('createTokenCounter (exact Tekken)', () => {
  it('is exact in Node', () => {
    expect(createTokenCounter().exact).toBe(true);
  });

  it('loads its tokenizer lazily, once', () => {
    let loads = 0;
    const counter = createTokenCounter({
      loadTokenizer: () => {
        loads++;
        return { countText: (text) => text.length };
      },
    });
    expect(loads).toBe(0);
    expect(counter.countText('abcd')).toBe(4);
    expect(counter.count({ role: 'user', content: 'abcd' })).toBe(6);
    expect(counter.exact).toBe(true);
    expect(loads).toBe(1);
  });

  it('falls back to the estimator when the tokenizer cannot load', () => {
    const text = 'مرحبا بالعالم، كيف حالك؟ '.repeat(20);
    for (const loadTokenizer of [
      () => undefined,
      () => {
        throw new Error('no wasm here');
      },
    ]) {
      const counter = createTokenCounter({ loadTokenizer });
      expect(counter.countText(text)).toBe(createEstimatingCounter().countText(text));
      expect(counter.exact).toBe(false);
    }
  });

  it('counts the whole published v7 chat to its 568 tokens: messages, tool schemas and <s>', () => {
    const counter = createTokenCounter();
    const messages = weatherChat();
    const total =
      PROMPT_OVERHEAD_TOKENS +
      messages.reduce((sum, message) => sum + counter.count(message), 0) +
      counter.countTools(weatherTools);
    expect(total).toBe(vectors.full_chat_vector.token_ids.length);
    expect(total).toBe(568);
  });

  it('renders tool calls the way the template does', () => {
    const text = toolCallsText([
      {
        id: '123456789',
        name: 'get_current_weather',
        arguments: '{"location":"Paris, France","format":"celsius"}',
      },
    ]);
    expect(text).toBe(
      '[{"name": "get_current_weather", "arguments": {"location": "Paris, France", "format": "celsius"}, "id": "123456789"}]',
    );
  });

  it('remembers per-message counts by message object', () => {
    let calls = 0;
    const counter = createTokenCounter();
    const message: Message = { role: 'user', content: 'hello there' };
    const first = counter.count(message);
    const spy = new Proxy(message, {
      get(target, key, receiver) {
        calls++;
        return Reflect.get(target, key, receiver);
      },
    });
    expect(counter.count(spy)).toBe(first);
    expect(calls).toBeGreaterThan(0);
    calls = 0;
    expect(counter.count(spy)).toBe(first);
    expect(calls).toBe(0);
  });

  it('adds image tokens for user images', () => {
    const counter = createTokenCounter();
    const text: Message = { role: 'user', content: [{ type: 'text', text: 'Describe this image.' }] };
    const withImage: Message = {
      role: 'user',
      content: [
        { type: 'text', text: 'Describe this image.' },
        { type: 'image', url: 'https://example.com/a.png', width: 280, height: 280 },
      ],
    };
    expect(counter.count(withImage) - counter.count(text)).toBe(10 * 11);
  });

  it('adds image tokens for images in tool results, from the data URL header when no size is given', () => {
    const counter = createTokenCounter();
    const base = { role: 'tool' as const, toolCallId: 'abcDEF123', name: 'shot' };
    const text: Message = { ...base, content: 'Screenshot.' };
    // A PNG header saying 56 x 28 pixels: 2 columns of tokens plus a row break, 1 row.
    const header = Buffer.alloc(24);
    header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
    header.writeUInt32BE(56, 16);
    header.writeUInt32BE(28, 20);
    const url = `data:image/png;base64,${header.toString('base64')}`;
    const withImage: Message = {
      ...base,
      content: [
        { type: 'text', text: 'Screenshot.' },
        { type: 'image', url },
      ],
    };
    expect(counter.count(withImage) - counter.count(text)).toBe(1 * 3);
  });

  it('calibrates only when asked', () => {
    const plain = createTokenCounter();
    plain.observe(200, 100);
    expect(plain.correction).toBe(1);
    const calibrating = createTokenCounter({ calibrate: true });
    const message: Message = { role: 'user', content: 'x'.repeat(40) };
    const before = calibrating.count(message);
    calibrating.observe(before * 2, before);
    expect(calibrating.correction).toBeCloseTo(2);
    expect(calibrating.count(message)).toBe(before * 2);
    expect(calibrating.exact).toBe(false);
  });
});

describe('JavaScript splitting + piece memo equals the reference engine (original pattern, whole text)', () => {
  it('on the multilingual corpus, in 64 KB chunks', () => {
    const corpus = readLangid()
      .map((line) => line.text)
      .join('\n');
    for (let start = 0; start < corpus.length; start += 65_536) {
      const chunk = corpus.slice(start, start + 65_536);
      const ids = reference(chunk);
      expect(engine.countText(chunk)).toBe(ids.length);
      expect(engine.encode(chunk)).toEqual(ids);
    }
  });

  it('on arbitrary Unicode text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2_000 }), (text) => {
        const ids = reference(text);
        expect(engine.encode(text)).toEqual(ids);
        expect(engine.countText(text)).toBe(ids.length);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    'a\uD800b',
    'Hello \uDC00 world',
    '\uD83D',
    'x \uD800\uD800 y',
    '\uFEFF hi',
    'a\u0085b  c\u00a0 d\u3000e',
  ])('on lone surrogates and odd whitespace: %j', (text) => {
    expect(engine.encode(text)).toEqual(reference(text));
  });

  it('on whitespace-heavy text', () => {
    const pieces = [' ', '  ', '\t', '\n', '\r\n', '\u0085', '\u00a0', '\ufeff', 'a', 'Ab', '1', '!', '//'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 800 }), (parts) => {
        const text = parts.join('');
        expect(engine.encode(text)).toEqual(reference(text));
        expect(engine.countText(text)).toBe(reference(text).length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('createEstimatingCounter', () => {
  it('is not exact and estimates within the 15% estimated-count margin on sentences of each language', () => {
    const counter = createEstimatingCounter();
    expect(counter.exact).toBe(false);
    const byLang = new Map<string, string[]>();
    for (const line of readLangid()) {
      if (line.kind !== 'sentence') continue;
      byLang.set(line.lang, [...(byLang.get(line.lang) ?? []), line.text]);
    }
    for (const [lang, texts] of byLang) {
      const text = texts.join('\n');
      const exact = engine.countText(text);
      const error = (counter.countText(text) - exact) / exact;
      expect(Math.abs(error), `${lang}: ${(error * 100).toFixed(1)}%`).toBeLessThan(ESTIMATED_MARGIN);
    }
  });

  it('corrects itself from reported prompt tokens', () => {
    const counter = createEstimatingCounter();
    const message: Message = { role: 'user', content: 'some text '.repeat(100) };
    const estimate = counter.count(message);
    for (let round = 0; round < 10; round++)
      counter.observe(Math.round(estimate * 1.5), counter.count(message));
    expect(counter.correction).toBeCloseTo(1.5, 1);
    expect(counter.count(message)).toBeGreaterThanOrEqual(Math.round(estimate * 1.45));
  });

  it('ignores nonsense observations', () => {
    const counter = createEstimatingCounter();
    counter.observe(0, 100);
    counter.observe(100, 0);
    counter.observe(Number.NaN, 10);
    counter.observe(10_000, 10);
    expect(counter.correction).toBe(1);
  });
});
