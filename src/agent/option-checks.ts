import { UserInputError } from '../errors.js';

/**
 * A whole-number option of at least 1, or `fallback` when it is absent; a `UserInputError` naming the option
 * (`field`) and where it was given (`where`: the agent, or the run options) otherwise.
 */
export function positiveInteger(
  value: number | undefined,
  fallback: number,
  field: string,
  where: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw invalid(
      field,
      `${where}: ${field} must be a positive integer, but it is ${String(value)}.`,
      'Pass a whole number of at least 1.',
    );
  }
  return value;
}

/** A `modelIdleTimeoutMs` option (milliseconds >= 0; 0 and Infinity turn the watch off), or `fallback`. */
export function idleTimeout(value: number | undefined, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw invalid(
      'modelIdleTimeoutMs',
      `${where}: modelIdleTimeoutMs must be a number of milliseconds >= 0, but it is ${String(value)}.`,
      'Pass milliseconds, or 0 / Infinity to wait on the model forever.',
    );
  }
  return value;
}

/** The `UserInputError` for a bad option: `path` names it, `hint` says what to pass instead. */
export function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-config', message, { path, hint });
}
