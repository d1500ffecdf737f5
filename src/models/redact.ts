/**
 * Keeps secrets out of errors. Servers and proxies sometimes echo the caller's key back (an HTML login page,
 * "Invalid API key sk-..."), and Node prints an error's whole `cause` chain, so redacting our own message is
 * not enough: every error leaving an adapter passes through {@link redactError}.
 * @module
 */
import { isDragomanError } from '../errors.js';

const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/g;
const MAX_CAUSE_DEPTH = 5;
// A piece of a secret this long is redacted too: a message cut to a length can end inside the key.
const FRAGMENT = 8;
const SECRET_HEADER = /auth|key|token|secret|cookie|session|password|credential|signature/i;

/** One secret, several, or none. Entries shorter than 4 characters are ignored. */
export type Secrets = string | readonly (string | undefined)[] | undefined;

/**
 * Replaces every secret (and any bearer token) in `text` with `***`: whole, and also any piece of at least
 * 8 characters that starts or ends like one, so text cut in the middle of a key leaks no part of it.
 */
export function redactSecrets(text: string, secrets?: Secrets): string {
  let out = text.replace(BEARER, 'Bearer ***');
  for (const secret of listSecrets(secrets)) {
    out = out.split(secret).join('***');
    if (secret.length >= FRAGMENT) out = redactFragments(out, secret);
  }
  return out;
}

/**
 * The values of request headers that look like credentials (names with auth, key, token, secret, cookie,
 * session, password, credential or signature), to be treated as secrets like the API key.
 */
export function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!SECRET_HEADER.test(name) || typeof value !== 'string') continue;
    values.push(value);
    const scheme = /^\w+\s+(\S+)$/u.exec(value); // "Bearer <token>", "Basic <credentials>"
    if (scheme?.[1]) values.push(scheme[1]);
  }
  return values;
}

function listSecrets(secrets: Secrets): string[] {
  const list = typeof secrets === 'string' ? [secrets] : [...(secrets ?? [])];
  // Longest first, so a secret that contains another is replaced whole.
  return list
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4)
    .sort((a, b) => b.length - a.length);
}

// Finds the secret's first (or last) 8 characters, widens the match while it keeps agreeing with the
// secret, and blanks it.
function redactFragments(text: string, secret: string): string {
  let out = text;
  const head = secret.slice(0, FRAGMENT);
  for (let at = out.indexOf(head); at !== -1; at = out.indexOf(head, at + 3)) {
    let end = at + FRAGMENT;
    while (end < out.length && end - at < secret.length && out[end] === secret[end - at]) end++;
    out = `${out.slice(0, at)}***${out.slice(end)}`;
  }
  const tail = secret.slice(-FRAGMENT);
  for (let at = out.indexOf(tail); at !== -1; at = out.indexOf(tail, at + 3)) {
    let start = at;
    const offset = secret.length - FRAGMENT;
    while (start > 0 && at - start < offset && out[start - 1] === secret[offset - (at - start) - 1]) start--;
    out = `${out.slice(0, start)}***${out.slice(at + FRAGMENT)}`;
    at = start;
  }
  return out;
}

/**
 * Removes the secret from an error: its message, hint, stack and, through the `cause` chain, any error it
 * wraps. A wrapped error that holds the secret anywhere (an SDK error's raw `body`, say) is replaced by a
 * plain `Error` with the same name and the redacted message, so no raw body can leak through it.
 * Returns the same error object when it was a dragoman error (mutated in place), else a safe copy if needed.
 */
export function redactError<T>(error: T, secret: Secrets): T {
  if (!(error instanceof Error)) return error;
  return redactAt(error, secret, 0) as T;
}

function redactAt(error: Error, secret: Secrets, depth: number): Error {
  const cause = (error as { cause?: unknown }).cause;
  const safeCause =
    cause instanceof Error && depth < MAX_CAUSE_DEPTH
      ? redactAt(cause, secret, depth + 1)
      : redactValue(cause, secret);
  if (isDragomanError(error)) {
    // Every field, not only the message: a server's error code or type can echo the key too.
    for (const key of Object.getOwnPropertyNames(error)) {
      if (key === 'cause') continue;
      const value = (error as unknown as Record<string, unknown>)[key];
      const safe = typeof value === 'string' ? redactSecrets(value, secret) : redactValue(value, secret);
      if (safe !== value) rewrite(error, key, safe);
    }
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

function redactValue(value: unknown, secret: Secrets): unknown {
  if (typeof value === 'string') return redactSecrets(value, secret);
  if (value === undefined || value === null || typeof value !== 'object') return value;
  const text = safeStringify(value);
  return text !== undefined && redactSecrets(text, secret) !== text ? '[redacted value]' : value;
}

function holdsSecret(error: Error, secret: Secrets): boolean {
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
  const enumerable = Object.getOwnPropertyDescriptor(target, key)?.enumerable ?? false;
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable });
}
