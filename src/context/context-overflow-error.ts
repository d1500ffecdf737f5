import { UserInputError } from '../errors.js';
import type { ContextTrimReport } from './types.js';

const format = (value: number) => value.toLocaleString('en-US');

/**
 * Builds the typed error for a report whose `overflow` is set: a `UserInputError` with code
 * `'context-overflow'` naming the tokens needed, the window after the output reserve, and what to do.
 * Returns `undefined` when the report has no overflow.
 * @example
 * const { messages, report } = fitContext(history, budget);
 * const error = contextOverflowError(report);
 * if (error) throw error;
 */
export function contextOverflowError(report: ContextTrimReport): UserInputError | undefined {
  const overflow = report.overflow;
  if (!overflow) return undefined;
  const windowAfterOutput = Math.max(0, overflow.contextWindow - overflow.reserveOutput);
  return new UserInputError(
    'context-overflow',
    `Context needs ${format(overflow.needed)} tokens but the window is ${format(windowAfterOutput)} after ` +
      `reserving ${format(overflow.reserveOutput)} for output (and ${format(overflow.margin)} as a ` +
      `${report.exact ? 'counting' : 'token-estimate'} margin) even after dropping every earlier turn.`,
    {
      hint: 'Shorten the system prompt or the latest message, lower maxTokens, send fewer tools, or route to a model with a larger window.',
      path: 'messages',
    },
  );
}
