import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const ARABIC_USAGE =
  'Usage: npm run example:arabic [-- --memory <folder>] [--session <id>] [--new] [--digits western|arabic]';

/** The Arabic assistant's options. */
export interface ArabicOptions {
  memory: string;
  session: string | undefined;
  new: boolean;
  digits: 'western' | 'arabic';
}

/**
 * Reads the command line: unknown options, stray words and a `--digits` other than `western` or `arabic`
 * become one readable message (not Node's stack trace, and not silently ignored).
 */
export function readArabicArguments(
  args: readonly string[],
): { ok: true; values: ArabicOptions } | { ok: false; message: string } {
  let values: { memory: string; session?: string | undefined; new: boolean; digits: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        memory: { type: 'string', default: path.join(homedir(), '.dragoman', 'arabic-assistant') },
        session: { type: 'string' },
        new: { type: 'boolean', default: false },
        digits: { type: 'string', default: 'western' },
      },
    }));
  } catch (error) {
    // parseArgs says what is wrong ("Unknown option '--foo'"); its stack says nothing a user needs.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.digits !== 'western' && values.digits !== 'arabic') {
    return { ok: false, message: `--digits must be "western" or "arabic", not "${values.digits}".` };
  }
  if (values.session !== undefined && values.session.trim() === '') {
    return { ok: false, message: '--session needs a non-empty id.' };
  }
  return { ok: true, values: { ...values, session: values.session, digits: values.digits } };
}
