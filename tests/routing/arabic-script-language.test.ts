import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectArabicScript } from '../../src/routing/arabic-script-language.js';
import { isArabicText, languageEvidence } from '../../src/routing/language-evidence.js';

// Sentences written for these tests (not taken from the evaluation set).
describe('detectArabicScript', () => {
  it.each([
    ['Modern Standard Arabic', 'ذهبت إلى السوق في الصباح لشراء الخبز والحليب.', 'ar'],
    ['Egyptian', 'انا مش عارف هو عايز ايه بالظبط النهارده', 'ar'],
    ['Levantine', 'شو بدك تعمل هلق؟ خلينا نروح عالبحر', 'ar'],
    ['Gulf', 'وش رايك نطلع اليوم؟ ابي اشوف الربع', 'ar'],
    ['Maghrebi', 'واش نتا مزيان؟ بغيت نمشي للدار دابا', 'ar'],
    ['Maghrebi negation', 'مافهمتش', 'ar'],
    ['Persian', 'من امروز به کتابخانه رفتم و چند کتاب خواندم.', 'fa'],
    ['Persian without Persian letters', 'او از شهر به روستا رفت تا در مزرعه کار کند', 'fa'],
    ['Persian with zero-width non-joiner', 'می‌خواهم بروم', 'fa'],
    ['Urdu', 'میں کل بازار گیا تھا اور وہاں سے پھل خریدے۔', 'ur'],
    ['Pashto', 'زه غواړم چې ښوونځي ته لاړ شم', 'ps'],
    ['Uyghur', 'مەن مەكتەپكە بارىمەن', 'other'],
    ['Sindhi', 'مان ڪتاب پڙهان ٿو', 'other'],
  ])('%s -> %s', (_name, text, language) => {
    expect(detectArabicScript(text).language).toBe(language);
  });

  it('does not call a text without evidence Arabic', () => {
    const guess = detectArabicScript('سلام');
    expect(guess.evidence).toBe(0);
    expect(guess.language).not.toBe('ar');
  });

  it('does not let one repeated keyboard habit outvote the words', () => {
    // Urdu heh goal (ہ) typed for every final taa marbuta in an Arabic sentence.
    expect(detectArabicScript('هذه الرسالہ من الجامعہ إلى الطلاب في المدينہ عن المسابقہ').language).toBe(
      'ar',
    );
  });
});

describe('isArabicText', () => {
  it.each([
    ['كيف حالك؟', true],
    ['How are you?', false],
    ['حال شما چطور است؟', false],
    ['اكتب لي قصة قصيرة about a cat', true],
    ['Please translate this word: كتاب and this one: مدرسة', false],
  ])('%s -> %s', (text, expected) => {
    expect(isArabicText(text)).toBe(expected);
  });

  it('asks the discriminator only when Arabic script is the majority', () => {
    expect(languageEvidence('hello world مرحبا').arabicScript).toBeUndefined();
    expect(languageEvidence('مرحبا بك hi').arabicScript?.language).toBe('ar');
  });
});

interface Row {
  id: string;
  lang: string;
  kind: string;
  text: string;
}

// Regression guard on the shared labeled set; the figures themselves come from `npm run eval:routing`.
describe('on ../shared/fixtures/langid (issue 4 goals)', () => {
  const rows = readFileSync(
    new URL('../../../shared/fixtures/langid/langid-eval.jsonl', import.meta.url),
    'utf8',
  )
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);
  const rate = (selected: Row[], hit: (row: Row) => boolean) =>
    selected.filter(hit).length / Math.max(selected.length, 1);

  it('Arabic-vs-not on sentences >= 99.5%, Persian/Urdu sentence confusion <= 0.2%', () => {
    const sentences = rows.filter((row) => row.kind === 'sentence');
    expect(rate(sentences, (row) => isArabicText(row.text) === (row.lang === 'ar'))).toBeGreaterThanOrEqual(
      0.995,
    );
    const persianUrdu = sentences.filter((row) => row.lang === 'fa' || row.lang === 'ur');
    expect(persianUrdu.length).toBe(2000);
    expect(rate(persianUrdu, (row) => isArabicText(row.text))).toBeLessThanOrEqual(0.002);
  });

  it('dialect tweet recall >= 97%', () => {
    const tweets = rows.filter((row) => row.kind === 'dialect-tweet');
    expect(rate(tweets, (row) => isArabicText(row.text))).toBeGreaterThanOrEqual(0.97);
  });

  it('Persian/Urdu texts under 40 characters are called Arabic less than 4% of the time', () => {
    const short = rows.filter((row) => (row.lang === 'fa' || row.lang === 'ur') && [...row.text].length < 40);
    expect(short.length).toBeGreaterThan(4000);
    expect(rate(short, (row) => isArabicText(row.text))).toBeLessThan(0.04);
  });
});
