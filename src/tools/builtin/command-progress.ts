import type { ToolContext } from '../types.js';

/** At most one progress report per this many milliseconds, so a chatty command does not flood the run. */
export const COMMAND_PROGRESS_INTERVAL_MS = 250;

/**
 * The `onOutput` of `run_command`: reports the command's latest output line as tool progress
 * (`npm: 12 passing`), at most once per {@link COMMAND_PROGRESS_INTERVAL_MS}. No fraction: a command's
 * output does not say how far along it is.
 */
export function commandProgress(
  command: string,
  context: Pick<ToolContext, 'reportProgress'>,
  now: () => number = Date.now,
): (text: string) => void {
  let last = Number.NEGATIVE_INFINITY;
  let partial = '';
  return (text) => {
    const lines = (partial + text).split(/\r?\n|\r/u);
    partial = lines.pop() ?? '';
    const latest = lines.map((line) => line.trim()).findLast((line) => line !== '');
    if (latest === undefined || now() - last < COMMAND_PROGRESS_INTERVAL_MS) return;
    last = now();
    context.reportProgress({ message: `${command}: ${latest.slice(0, 200)}` });
  };
}
