import { z } from 'zod';
import { tool } from '../../src/index.js';
import { toArabicIndicDigits, toWesternDigits } from './digits.js';
import { formatHijri, gregorianToHijri, type HijriCalendar, hijriToGregorian } from './hijri.js';

const digitString = (description: string) =>
  z
    .string()
    .describe(description)
    .transform((value) => toWesternDigits(value).trim());

/**
 * Converts dates between the Gregorian and Hijri calendars, offline and deterministically. Accepts Western
 * (0–9), Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹) digits, and answers with both digit forms.
 */
export const convertDateTool = tool({
  description:
    'Convert a date between the Gregorian and Hijri (Islamic) calendars. Give either gregorian as YYYY-MM-DD, or hijri as YYYY-MM-DD (year-month-day in the Hijri calendar). Arabic-Indic digits are accepted.',
  parameters: z.object({
    gregorian: digitString('Gregorian date, YYYY-MM-DD').optional(),
    hijri: digitString('Hijri date, YYYY-MM-DD (e.g. 1445-09-01 for 1 Ramadan 1445)').optional(),
    calendar: z
      .enum(['umalqura', 'civil'])
      .default('umalqura')
      .describe('umalqura (Saudi official) or civil (tabular)'),
  }),
  execute: (args) => {
    const calendar: HijriCalendar = args.calendar;
    if (args.gregorian !== undefined) {
      const hijri = gregorianToHijri(args.gregorian, calendar);
      return describe(args.gregorian, hijri, calendar);
    }
    if (args.hijri !== undefined) {
      const [year, month, day] = args.hijri.split(/[-/]/u).map(Number);
      const hijri = { year: year ?? Number.NaN, month: month ?? Number.NaN, day: day ?? Number.NaN };
      return describe(hijriToGregorian(hijri, calendar), hijri, calendar);
    }
    return 'Give gregorian (YYYY-MM-DD) or hijri (YYYY-MM-DD).';
  },
});

function describe(
  gregorian: string,
  hijri: { year: number; month: number; day: number },
  calendar: HijriCalendar,
) {
  const hijriText = formatHijri(hijri);
  return {
    gregorian,
    hijri,
    hijriText,
    hijriTextArabicDigits: toArabicIndicDigits(hijriText),
    gregorianArabicDigits: toArabicIndicDigits(gregorian),
    calendar,
  };
}
