/**
 * Keeps secrets out of errors. Servers and proxies sometimes echo the caller's key back (an HTML login page,
 * "Invalid API key sk-..."), and Node prints an error's whole `cause` chain, so redacting our own message is
 * not enough: every error leaving an adapter passes through {@link redactError}.
 * @module
 */
import { isDragomanError } from '../errors.js';

const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/g;
const MAX_CAUSE_DEPTH = 5;

/** Replaces the secret (and any bearer token) in `text` with `***`. Secrets shorter than 4 characters are ignored. */
export function redactSecrets(text: string, secret?: string): string {
  let out = text.replace(BEARER, 'Bearer ***');
  if (secret && secret.length >= 4) out = out.split(secret).join('***');
  return out;
}

/**
 * Removes the secret from an error: its message, hint, stack and, through the `cause` chain, any error it
 * wraps. A wrapped error that holds the secret anywhere (an SDK error's raw `body`, say) is replaced by a
 * plain `Error` with the same name and the redacted message, so no raw body can leak through it.
 * Returns the same error object when it was a dragoman error (mutated in place), else a safe copy if needed.
 */
export function redactError<T>(error: T, secret: string | undefined): T {
  if (!(error instanceof Error)) return error;
  return redactAt(error, secret, 0) as T;
}

function redactAt(error: Error, secret: string | undefined, depth: number): Error {
  const cause = (error as { cause?: unknown }).cause;
  const safeCause =
    cause instanceof Error && depth < MAX_CAUSE_DEPTH
      ? redactAt(cause, secret, depth + 1)
      : redactValue(cause, secret);
  if (isDragomanError(error)) {
    rewrite(error, 'message', redactSecrets(error.message, secret));
    if (error.hint !== undefined) rewrite(error, 'hint', redactSecrets(error.hint, secret));
    if (error.stack !== undefined) rewrite(error, 'stack', redactSecrets(error.stack, secret));
    if (safeCause !== cause) rewrite(error, 'cause', safeCause);
    return error;
  }
  if (!holdsSecret(error, secret) && safeCause === cause) return error;
  const copy = new Error(redactSecrets(error.message, secret), { cause: safeCause });
  copy.name = error.name;
  if (error.stack !== undefined) copy.stack = redactSecrets(error.stack, secret);
  return copy;
}

function redactValue(value: unknown, secret: string | undefined): unknown {
  if (typeof value === 'string') return redactSecrets(value, secret);
  if (value === undefined || value === null || typeof value !== 'object') return value;
  const text = safeStringify(value);
  return text !== undefined && redactSecrets(text, secret) !== text ? '[redacted value]' : value;
}

function holdsSecret(error: Error, secret: string | undefined): boolean {
  const text = [error.message, error.stack ?? '', safeStringify({ ...error }) ?? ''].join('\n');
  return redactSecrets(text, secret) !== text;
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function rewrite(target: object, key: string, value: unknown): void {
  if ((target as Record<string, unknown>)[key] === value) return;
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}
