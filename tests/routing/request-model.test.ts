import { describe, expect, it } from 'vitest';
import { detectCodeIntent } from '../../src/routing/code-intent.js';
import { countScripts } from '../../src/routing/detect-script.js';
import { classifyRequest } from '../../src/routing/request-model/classify-request.js';
import { DENSE_COUNT } from '../../src/routing/request-model/dense-features.js';
import { createHashedFeatures, hashFeatures } from '../../src/routing/request-model/hash-features.js';
import { decodeRequestModel } from '../../src/routing/request-model/load-model.js';
import { DEFAULT_THRESHOLDS, modelRoute } from '../../src/routing/request-model/model-route.js';
import { REQUEST_MODEL } from '../../src/routing/request-model/weights.js';

// Texts written for these tests (not taken from the development or evaluation sets).
const route = (text: string) => modelRoute(classifyRequest(text), DEFAULT_THRESHOLDS).route;

const buckets = (text: string) => {
  const features = hashFeatures(text, createHashedFeatures());
  return [
    Array.from(features.charBuckets.subarray(0, features.chars)),
    Array.from(features.wordBuckets.subarray(0, features.words)),
  ];
};

describe('code words with an everyday sense', () => {
  it('counts "python" and "spring" apart from unambiguous programming terms', () => {
    const prose = detectCodeIntent('The python swallowed the rabbit in spring.');
    expect(prose.everyday).toBeGreaterThan(0);
    expect(prose.everyday).toBe(prose.phrasing);
    const request = detectCodeIntent('Use a regex in JavaScript to validate the email field');
    expect(request.everyday).toBeLessThan(request.phrasing);
    expect(detectCodeIntent('Debug this TypeScript callback with async/await').everyday).toBe(0);
  });

  it.each([
    ['a snake', 'The python in the zoo sleeps most of the day.'],
    ['an island', 'We spent two weeks on Java and Bali last summer.'],
    ['a season', 'In spring the gardens of Kyoto are full of visitors.'],
    ['a dress code', 'What is the dress code for a wedding in the evening?'],
  ])('routes %s to general', (_name, text) => {
    expect(route(text)).toBe('general');
  });

  it.each([
    ['a Python request', 'Write a Python function that merges two sorted lists into one'],
    ['a regex question', 'How do I write a regular expression in Java that matches IPv4 addresses?'],
  ])('routes %s to code', (_name, text) => {
    expect(route(text)).toBe('code');
  });
});

describe('the request model', () => {
  it('routes Arabic, Arabizi and other Arabic-script languages apart', () => {
    expect(route('مرحبا، كيف حالك اليوم؟ وهذا الكتاب الذي حدثتك عنه')).toBe('arabic');
    expect(route('ana 3ayez a3raf el mat3am da fein, ya3ni odam el mahata wala ba3deha?')).toBe('arabic');
    expect(route('من می‌خواهم فردا به کتابخانه بروم و چند کتاب بگیرم')).toBe('general');
    expect(route('ساي ماهو ممباچ بوکو اين دان توليس سورت اونتوق كاوان')).toBe('general');
  });

  it('never calls a Latin text of one or two letters Arabizi', () => {
    for (const text of ['ok', 'k', 'hi', 'OK!']) expect(route(text)).toBe('general');
  });

  it('decodes the shipped weights, one dense weight per feature and column', () => {
    const model = decodeRequestModel(REQUEST_MODEL);
    expect(model.dense.length).toBe(DENSE_COUNT * 2);
    expect(model.hashed.length).toBe(2 ** REQUEST_MODEL.bucketBits * 2);
  });

  it('refuses weights trained for another feature set, and says to retrain', () => {
    const stale = { ...REQUEST_MODEL, dense: REQUEST_MODEL.dense.slice(2) };
    expect(() => decodeRequestModel(stale)).toThrow(/dense weights per column.*npm run train:routing/);
  });
});

describe('hashed features', () => {
  it('fold case, hamza alefs, diacritics and tatweel as the model was trained', () => {
    expect(buckets('Write A Python Function')).toEqual(buckets('write a python function'));
    expect(buckets('أن إلى')).toEqual(buckets('ان الى'));
    expect(buckets('كِتَابٌ جـمـيـل')).toEqual(buckets('كتاب جميل'));
    expect(buckets('a\u00a0\u2003b')).toEqual(buckets('a b'));
    expect(buckets('snake_case')).not.toEqual(buckets('snake case'));
  });
});

describe('countScripts', () => {
  it('starts every count from zero', () => {
    expect(countScripts('مرحبا').counts.arabic).toBe(5);
    const latin = countScripts('hello');
    expect(latin.counts.arabic).toBe(0);
    expect(latin.counts.latin).toBe(5);
    expect(latin.letters).toBe(5);
  });
});
