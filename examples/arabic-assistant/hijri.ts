import { UserInputError } from '../../src/index.js';

/** A date in the Islamic (Hijri) calendar. `month` is 1 (Muharram) to 12 (Dhu al-Hijjah). */
export interface HijriDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Which Islamic calendar to use.
 * - `umalqura`: Saudi Arabia's official Umm al-Qura calendar, read from the ICU data in Node's
 *   `Intl.DateTimeFormat` (`islamic-umalqura`; Node 20 ships full ICU). Covers AH 1300–1600.
 * - `civil`: the tabular (arithmetic) Islamic calendar, "civil" epoch (1 Muharram 1 AH = Friday 16 July 622
 *   Julian), leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30-year cycle. Deterministic and
 *   table-free; may differ by a day or two from sighting-based dates.
 */
export type HijriCalendar = 'umalqura' | 'civil';

/** Arabic names of the Hijri months, Muharram first. */
export const hijriMonthNames: readonly string[] = [
  'محرم',
  'صفر',
  'ربيع الأول',
  'ربيع الآخر',
  'جمادى الأولى',
  'جمادى الآخرة',
  'رجب',
  'شعبان',
  'رمضان',
  'شوال',
  'ذو القعدة',
  'ذو الحجة',
];

const CIVIL_EPOCH_DAY = -492_148; // 622-07-16 (Julian) as days since 1970-01-01.
const DAY_MS = 86_400_000;
const GREGORIAN_RANGE = { from: Date.UTC(1900, 0, 1), to: Date.UTC(2100, 11, 31) };
const HIJRI_YEARS = { from: 1317, to: 1524 };

/**
 * Converts a Gregorian date (`YYYY-MM-DD`, ASCII digits, read as a UTC calendar day) to a Hijri date.
 * @throws {UserInputError} for a malformed date or one outside 1900-01-01 … 2100-12-31.
 */
export function gregorianToHijri(isoDate: string, calendar: HijriCalendar = 'umalqura'): HijriDate {
  const time = parseIsoDate(isoDate);
  if (calendar === 'civil') return civilFromDays(Math.floor(time / DAY_MS));
  const parts = umalquraFormat.formatToParts(new Date(time));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: field('year'), month: field('month'), day: field('day') };
}

/**
 * Converts a Hijri date to a Gregorian `YYYY-MM-DD`. Umm al-Qura months have 29 or 30 days from the
 * tables, so a day 30 that does not exist is rejected rather than rolled into the next month.
 * @throws {UserInputError} for a month outside 1–12, a day that the month does not have, or a year outside 1317–1524.
 */
export function hijriToGregorian(date: HijriDate, calendar: HijriCalendar = 'umalqura'): string {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || year < HIJRI_YEARS.from || year > HIJRI_YEARS.to) {
    throw invalid(`Hijri year ${year} is outside ${HIJRI_YEARS.from}–${HIJRI_YEARS.to}`, 'year');
  }
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw invalid(`Hijri month ${month} is not 1–12`, 'month');
  if (!Number.isInteger(day) || day < 1 || day > 30) throw invalid(`Hijri day ${day} is not 1–30`, 'day');
  const estimate = civilToDays(date);
  if (calendar === 'civil') {
    if (day === 30 && civilFromDays(estimate).month !== month) throw missingDay(date, calendar);
    return toIsoDate(estimate * DAY_MS);
  }
  // The two calendars never differ by more than a few days: search around the tabular estimate.
  for (const offset of [0, -1, 1, -2, 2, -3, 3]) {
    const iso = toIsoDate((estimate + offset) * DAY_MS);
    const candidate = gregorianToHijri(iso, 'umalqura');
    if (candidate.year === year && candidate.month === month && candidate.day === day) return iso;
  }
  throw missingDay(date, calendar);
}

/** Formats a Hijri date in Arabic, e.g. "1 رمضان 1445 هـ" (digits as given; see `toArabicIndicDigits`). */
export function formatHijri(date: HijriDate): string {
  return `${date.day} ${hijriMonthNames[date.month - 1]} ${date.year} هـ`;
}

const umalquraFormat = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

function civilToDays({ year, month, day }: HijriDate): number {
  return (
    day +
    Math.ceil(29.5 * (month - 1)) +
    (year - 1) * 354 +
    Math.floor((3 + 11 * year) / 30) +
    CIVIL_EPOCH_DAY -
    1
  );
}

function civilFromDays(days: number): HijriDate {
  const year = Math.floor((30 * (days - CIVIL_EPOCH_DAY) + 10_646) / 10_631);
  const month = Math.min(12, Math.ceil((days - 29 - civilToDays({ year, month: 1, day: 1 })) / 29.5) + 1);
  const day = days - civilToDays({ year, month, day: 1 }) + 1;
  return { year, month, day };
}

function parseIsoDate(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(isoDate);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || toIsoDate(time) !== isoDate)
    throw invalid(`Date ${JSON.stringify(isoDate)} is not a valid YYYY-MM-DD date`, 'date');
  if (time < GREGORIAN_RANGE.from || time > GREGORIAN_RANGE.to)
    throw invalid(`Date ${isoDate} is outside 1900-01-01 … 2100-12-31`, 'date');
  return time;
}

function toIsoDate(time: number): string {
  return Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, 10);
}

function missingDay(date: HijriDate, calendar: HijriCalendar): UserInputError {
  return invalid(
    `${formatHijri(date)} does not exist in the ${calendar} calendar (that month has 29 days)`,
    'day',
  );
}

function invalid(message: string, field: string): UserInputError {
  return new UserInputError('invalid-input', `${message}.`, {
    hint: 'Give a Gregorian date as YYYY-MM-DD, or a Hijri year, month (1–12) and day.',
    path: field,
  });
}
