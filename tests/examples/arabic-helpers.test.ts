import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arabicDigitsOutsideIsolates,
  isolateLeftToRightRuns,
  LRI,
  PDI,
  stripIsolates,
} from '../../examples/arabic-assistant/bidi.js';
import { toArabicIndicDigits, toWesternDigits } from '../../examples/arabic-assistant/digits.js';
import { formatHijri, gregorianToHijri, hijriToGregorian } from '../../examples/arabic-assistant/hijri.js';
import { main } from '../../examples/arabic-assistant/main.js';
import { arabicScript } from '../../examples/arabic-assistant/script.js';
import { UserInputError } from '../../src/errors.js';
import { testIO } from './example-io.js';

const DAY_MS = 86_400_000;
const isoDay = fc
  .integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2100, 11, 31) / DAY_MS })
  .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

function intlHijri(iso: string, calendar: string) {
  const format = new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  const parts = format.formatToParts(new Date(`${iso}T00:00:00Z`));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: field('year'), month: field('month'), day: field('day') };
}

describe('Hijri dates', () => {
  it('knows the start of Ramadan 1445 (11 March 2024, Umm al-Qura)', () => {
    expect(gregorianToHijri('2024-03-11')).toEqual({ year: 1445, month: 9, day: 1 });
    expect(hijriToGregorian({ year: 1445, month: 9, day: 1 })).toBe('2024-03-11');
    expect(formatHijri({ year: 1445, month: 9, day: 1 })).toBe('1 رمضان 1445 هـ');
  });

  it('computes the tabular civil calendar exactly as ICU islamic-civil does (independent oracle)', () => {
    fc.assert(
      fc.property(isoDay, (iso) => {
        expect(gregorianToHijri(iso, 'civil')).toEqual(intlHijri(iso, 'islamic-civil'));
      }),
      { numRuns: 2_000 },
    );
  });

  it('round-trips every day in range, in both calendars', () => {
    fc.assert(
      fc.property(isoDay, fc.constantFrom('umalqura' as const, 'civil' as const), (iso, calendar) => {
        expect(hijriToGregorian(gregorianToHijri(iso, calendar), calendar)).toBe(iso);
      }),
      { numRuns: 1_000 },
    );
  });

  it('rejects a day 30 the month does not have, and malformed input, naming the value', () => {
    // Umm al-Qura tables: Ramadan 1445 has 30 days, Shawwal 1445 has 29.
    expect(hijriToGregorian({ year: 1445, month: 9, day: 30 })).toBe('2024-04-09');
    expect(hijriToGregorian({ year: 1445, month: 10, day: 1 })).toBe('2024-04-10');
    expect(() => hijriToGregorian({ year: 1445, month: 10, day: 30 })).toThrow(
      /30 شوال 1445 هـ does not exist/,
    );
    expect(() => hijriToGregorian({ year: 1445, month: 13, day: 1 })).toThrow(/month 13 is not 1–12/);
    expect(() => hijriToGregorian({ year: 900, month: 1, day: 1 })).toThrow(UserInputError);
    expect(() => gregorianToHijri('2024-02-30')).toThrow(/"2024-02-30" is not a valid YYYY-MM-DD date/);
    expect(() => gregorianToHijri('1850-01-01')).toThrow(/outside 1900-01-01/);
  });
});

describe('Arabic-Indic digits', () => {
  it('normalizes both Arabic-Indic digit sets and the decimal separator', () => {
    expect(toWesternDigits('٢٠٢٤-٠٣-١١')).toBe('2024-03-11');
    expect(toWesternDigits('۱۴۴۵/۰۹/۰۱')).toBe('1445/09/01');
    expect(toWesternDigits('٣٫١٤ متر')).toBe('3.14 متر');
    expect(toArabicIndicDigits('1445/9/1')).toBe('١٤٤٥/٩/١');
  });

  it('round-trips any ASCII digit string', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,12}$/), (digits) => {
        expect(toWesternDigits(toArabicIndicDigits(digits))).toBe(digits);
      }),
    );
  });
});

describe('bidi isolation for the terminal', () => {
  it('wraps Latin runs, paths and code spans inside Arabic lines, leaving spaces outside', () => {
    expect(isolateLeftToRightRuns('افتح الملف src/index.ts ثم شغّل npm run build الآن')).toBe(
      `افتح الملف ${LRI}src/index.ts${PDI} ثم شغّل ${LRI}npm run build${PDI} الآن`,
    );
    expect(isolateLeftToRightRuns('استخدم `const x = 1;` هنا')).toBe(
      `استخدم ${LRI}\`const x = 1;\`${PDI} هنا`,
    );
  });

  it('leaves lines without right-to-left letters alone', () => {
    const text = 'plain English line\nسطر عربي with English';
    expect(isolateLeftToRightRuns(text)).toBe(`plain English line\nسطر عربي ${LRI}with English${PDI}`);
  });

  it('only ever adds isolates, balanced (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('مرحبا', ' ', 'hello', '/', '.', '1', '`', 'ts', '\n', 'عالم', '(', ')')),
        (pieces) => {
          const text = pieces.join('');
          const isolated = isolateLeftToRightRuns(text);
          expect(stripIsolates(isolated)).toBe(text);
          expect(isolated.split(LRI).length).toBe(isolated.split(PDI).length);
        },
      ),
    );
  });

  it('writes Arabic-Indic digits only outside isolated left-to-right runs', () => {
    const line = isolateLeftToRightRuns('في عام 2024 صدر Node 20 مع ICU 74');
    expect(arabicDigitsOutsideIsolates(line)).toBe(
      `في عام ٢٠٢٤ صدر ${LRI}Node 20${PDI} مع ${LRI}ICU 74${PDI}`,
    );
    expect(arabicDigitsOutsideIsolates('  return total + 0;')).toBe('  return total + 0;');
  });
});

describe('Arabic assistant command line and offline script', () => {
  it('turns bad flags into one readable message and exit code 2, without a stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--foo'], /Unknown option '--foo'/],
      [['--digits', 'foo'], /--digits must be "western" or "arabic", not "foo"/],
      [['stray'], /Unexpected argument 'stray'/],
      [['--session', ' '], /--session needs a non-empty id/],
    ];
    for (const [args, message] of cases) {
      const io = testIO();
      expect(await main(args, io)).toBe(2);
      expect(io.output()).toMatch(message);
      expect(io.output()).toContain('Usage: npm run example:arabic');
      expect(io.output()).not.toMatch(/\n\s+at /);
    }
  });

  it('says, offline, that it cannot answer a question outside its script', () => {
    const reply = arabicScript({
      kind: 'chat',
      body: { messages: [{ role: 'user', content: 'Quelle heure est-il ?' }] },
    } as unknown as Parameters<typeof arabicScript>[0]);
    expect(reply.text).toContain('set MISTRAL_API_KEY');
  });
});
