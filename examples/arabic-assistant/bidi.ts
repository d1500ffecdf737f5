/** LEFT-TO-RIGHT ISOLATE (U+2066): starts a left-to-right run that cannot reorder its neighbours (UAX #9, 2.7). */
export const LRI = '\u2066';
/** POP DIRECTIONAL ISOLATE (U+2069): ends the run an isolate started. */
export const PDI = '\u2069';

const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
// A left-to-right run: a backtick code span, or text from a Latin letter up to the last Latin letter, digit or
// closing bracket before the next right-to-left letter (so surrounding spaces and punctuation stay outside).
const LEFT_TO_RIGHT_RUN =
  /`[^`\n]+`|\p{Script=Latin}(?:[^\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\n]*[\p{Script=Latin}\p{Nd})\]}"'])?/gu;

/**
 * Prepares mixed Arabic/Latin text for a terminal: in every line that contains right-to-left letters, each
 * embedded left-to-right run (a backtick code span, a file path, an English phrase, `npm run build`) is
 * wrapped in LRI … PDI. Lines without right-to-left letters are returned unchanged.
 *
 * Why isolates and why LRI rather than FSI: without isolation, the bidi algorithm lets the neutral characters
 * of a run (`/`, `.`, spaces, `-`) take the direction of the surrounding Arabic, so `src/index.ts` prints as
 * `index.ts/src` and a command's arguments come out reversed. An isolate keeps the run in one piece and stops
 * it from reordering its neighbours. We already know the run is left-to-right (it starts with a Latin letter),
 * so LRI states that directly; FSI would guess it from the first strong letter, which is the same here but
 * wrong for a code span that starts with Arabic text. Terminals with bidi support (GNOME Terminal/VTE,
 * Konsole, mlterm, Windows Terminal) honour the isolates; terminals without bidi ignore them, since they
 * are zero-width format characters.
 */
export function isolateLeftToRightRuns(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      RIGHT_TO_LEFT.test(line) ? line.replace(LEFT_TO_RIGHT_RUN, (run) => LRI + run + PDI) : line,
    )
    .join('\n');
}

/** Removes the isolates {@link isolateLeftToRightRuns} added (for logs and tests). */
export function stripIsolates(text: string): string {
  return text.replace(/[\u2066-\u2069]/gu, '');
}

/**
 * Writes Western digits as Arabic-Indic digits (٠–٩) in the right-to-left parts of a line, leaving the
 * isolated left-to-right runs and lines without right-to-left letters (code) alone. Apply it after
 * {@link isolateLeftToRightRuns}.
 */
export function arabicDigitsOutsideIsolates(text: string): string {
  const convert = (part: string) =>
    part.replace(/[0-9]/gu, (digit) => String.fromCodePoint(0x0660 + Number(digit)));
  return text
    .split('\n')
    .map((line) =>
      RIGHT_TO_LEFT.test(line)
        ? line
            .split(/(\u2066[^\u2069]*\u2069)/u)
            .map((part) => (part.startsWith(LRI) ? part : convert(part)))
            .join('')
        : line,
    )
    .join('\n');
}
