/**
 * dragoman's errors: one base class, a few subclasses split by who is at fault.
 *
 * - {@link UserInputError}: the caller passed something we cannot use (config, input, history).
 * - {@link ApiError}: the model provider answered with an error (HTTP status, Mistral code).
 * - {@link ConnectionError}: no usable answer arrived (network failure, timeout, malformed body).
 * - Run errors (`MaxStepsError`, `ToolBudgetError`, `OutputParseError`, in `agent/`): the run could not finish.
 * - {@link AbortError}: the caller aborted.
 *
 * Messages say what happened, with the values, and what to do next. They never contain secrets.
 * @module
 */

const MARKER = Symbol.for('dragoman.error');

/** Machine-readable error codes, one per cause. */
export type DragomanErrorCode =
  | 'invalid-input'
  | 'invalid-config'
  | 'invalid-history'
  | 'context-overflow'
  | 'auth'
  | 'rate-limit'
  | 'message-order'
  | 'tool-call-id'
  | 'extra-forbidden'
  | 'bad-request'
  | 'model-not-found'
  | 'model-retired'
  | 'server'
  | 'connection'
  | 'timeout'
  | 'malformed-response'
  | 'response-too-large'
  | 'tool-budget'
  | 'max-steps'
  | 'output-parse'
  | 'aborted'
  | 'empty-queue'
  | 'mcp'
  | 'session-conflict';

/** Options shared by every dragoman error. */
export interface DragomanErrorOptions {
  /** What to do about it, in one sentence. */
  hint?: string;
  /** The underlying error. */
  cause?: unknown;
}

/** Base class of every error dragoman throws. Use {@link isDragomanError} to test across bundles. */
export class DragomanError extends Error {
  override name = 'DragomanError';
  /** The cause, as a stable machine-readable code. */
  readonly code: DragomanErrorCode;
  /** What to do about it. */
  readonly hint: string | undefined;
  readonly [MARKER] = true;

  constructor(code: DragomanErrorCode, message: string, options: DragomanErrorOptions = {}) {
    super(options.hint ? `${message} ${options.hint}` : message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** True when `value` is a dragoman error, even one created by another copy of the library. */
export function isDragomanError(value: unknown): value is DragomanError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}

/** The caller passed a value dragoman cannot use: bad config, bad input, or a history that cannot be repaired. */
export class UserInputError extends DragomanError {
  override name = 'UserInputError' as const;
  /** Where the bad value was found, e.g. `tools.search.parameters` or `messages[3]`. */
  readonly path: string | undefined;
  constructor(
    code: 'invalid-input' | 'invalid-config' | 'invalid-history' | 'context-overflow',
    message: string,
    options: DragomanErrorOptions & { path?: string } = {},
  ) {
    super(code, message, options);
    this.path = options.path;
  }
}

/** Details carried by an {@link ApiError}. */
export interface ApiErrorDetails extends DragomanErrorOptions {
  /** HTTP status, when there was one. */
  status?: number;
  /** Mistral's own error code from the body (e.g. `"3230"`), when present. */
  providerCode?: string;
  /** Mistral's error `type` from the body, when present. */
  providerType?: string;
  /** Whether retrying the same request may succeed. */
  retryable?: boolean;
  /** Milliseconds the server asked us to wait (Retry-After), when given. */
  retryAfterMs?: number;
  /** For context overflows: tokens the prompt needed, and the model's maximum context. */
  promptTokens?: number;
  maxContextTokens?: number;
  /** The model id the request was for. */
  model?: string;
}

/** The model provider answered with an error. `code` says which kind; fields carry the parsed details. */
export class ApiError extends DragomanError {
  override name = 'ApiError' as const;
  readonly status: number | undefined;
  readonly providerCode: string | undefined;
  readonly providerType: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly promptTokens: number | undefined;
  readonly maxContextTokens: number | undefined;
  readonly model: string | undefined;
  constructor(code: DragomanErrorCode, message: string, details: ApiErrorDetails = {}) {
    super(code, message, details);
    this.status = details.status;
    this.providerCode = details.providerCode;
    this.providerType = details.providerType;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.promptTokens = details.promptTokens;
    this.maxContextTokens = details.maxContextTokens;
    this.model = details.model;
  }
}

/** No usable answer arrived: the connection failed, the response did not start in time, or the body was malformed. */
export class ConnectionError extends DragomanError {
  override name = 'ConnectionError' as const;
  readonly retryable: boolean;
  constructor(
    code: 'connection' | 'timeout' | 'malformed-response' | 'response-too-large',
    message: string,
    options: DragomanErrorOptions & { retryable?: boolean } = {},
  ) {
    super(code, message, options);
    this.retryable = options.retryable ?? (code === 'connection' || code === 'timeout');
  }
}

/** The caller aborted the run or call. `name` is `'AbortError'`, as for the platform's own abort errors. */
export class AbortError extends DragomanError {
  override name = 'AbortError' as const;
  constructor(message = 'The operation was aborted.', options: DragomanErrorOptions = {}) {
    super('aborted', message, options);
  }
}

/** Turns an aborted signal into an {@link AbortError} carrying the signal's reason. */
export function abortErrorFrom(signal: AbortSignal, what = 'The run'): AbortError {
  return new AbortError(`${what} was aborted.`, { cause: signal.reason });
}

/**
 * A turn was computed from a session history that changed before it could be committed (another instance
 * committed first, or broke this writer's stale file lock). Nothing of the turn was stored. `RedisStore` and
 * `JsonlFileStore` throw it; run again on the new history, or let the durable worker do it (it retries).
 */
export class SessionConflictError extends DragomanError {
  override name = 'SessionConflictError' as const;
  /** The session whose history moved on. */
  readonly sessionId: string;
  constructor(sessionId: string, message?: string) {
    super(
      'session-conflict',
      message ?? `Session "${sessionId}" changed while this turn was computed; the turn was not committed.`,
      { hint: 'Run the turn again on the new history (the durable run worker does this for you).' },
    );
    this.sessionId = sessionId;
  }
}
