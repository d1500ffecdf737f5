import { UserInputError } from '../errors.js';
import type { ToolProgress } from './types.js';

/** A tool's progress report, checked: a string message and a fraction from 0 to 1 (or none). */
export function checkProgress(progress: ToolProgress, toolName: string): ToolProgress {
  const message = (progress as Partial<ToolProgress> | null)?.message;
  if (typeof message !== 'string') {
    throw new UserInputError(
      'invalid-input',
      `Tool "${toolName}" reported progress without a message (got ${typeof message}).`,
      { path: 'reportProgress.message', hint: 'Call context.reportProgress({ message: "...", fraction? }).' },
    );
  }
  const { fraction } = progress;
  if (fraction === undefined) return { message };
  if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) {
    throw new UserInputError(
      'invalid-input',
      `Tool "${toolName}" reported progress with fraction ${String(fraction)}; it must be a number from 0 to 1.`,
      { path: 'reportProgress.fraction', hint: 'Pass done / total, or leave fraction out when unknown.' },
    );
  }
  return { message, fraction };
}
