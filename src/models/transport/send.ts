/**
 * The one path by which dragoman sends HTTP: the standard `fetch`, the start-of-response timeout, retries,
 * and typed errors for whatever the network throws. Both adapters use it.
 * @module
 */
import { abortErrorFrom, ConnectionError, isDragomanError } from '../../errors.js';
import { type RetryAttempt, type RetryOptions, withRetry } from '../retry.js';
import { withStartTimeout } from '../timeout.js';
import type { ResponseLimits } from './limits.js';
import { type ReadOptions, readText } from './read-chunks.js';

/** The `fetch` dragoman calls: the standard signature, so `globalThis.fetch` or any wrapper of it fits. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** How one client sends: shared by every call of a provider. */
export interface Transport {
  fetch: FetchFunction;
  /** How long a response may take to start; `0` or `Infinity` waits forever. */
  timeoutMs: number;
  retry: RetryOptions;
  limits: Required<ResponseLimits>;
  /** Random source for backoff jitter (tests). */
  random?: (() => number) | undefined;
}

/** One HTTP call. */
export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Names the call in errors, e.g. `POST /v1/chat/completions (mistral-small-latest)`; never holds a key. */
  what: string;
  signal?: AbortSignal | undefined;
  /** Told about each retry; the adapter passes errors through its redaction first. */
  onRetry?: ((attempt: RetryAttempt) => void) | undefined;
  /** Turns a non-2xx answer into the provider's typed error. */
  failure(status: number, text: string, headers: Headers): Error;
}

/** Turns whatever `fetch` or a body read threw into an abort or a typed connection error. */
export function toTransportError(error: unknown, what: string, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return abortErrorFrom(signal, 'The model call');
  if (isDragomanError(error)) return error;
  const detail =
    error instanceof Error
      ? error.cause instanceof Error
        ? error.cause.message
        : error.message
      : String(error);
  return new ConnectionError('connection', `${what} failed: ${detail}.`, {
    cause: error,
    hint: 'Check that the server is running and reachable; the call is retried automatically.',
  });
}

/**
 * A started stream whose connection dropped after deltas went out: the same failure (its message without the
 * retry hint), not retryable, since deltas cannot be taken back.
 */
export function droppedMidStream(failure: ConnectionError, cause: unknown): ConnectionError {
  const said = failure.hint ? failure.message.slice(0, -(failure.hint.length + 1)) : failure.message;
  return new ConnectionError('connection', said, {
    cause,
    retryable: false,
    hint: 'The connection dropped mid-answer and a started stream is not retried; call again.',
  });
}

/** The read options of one call. */
export function readOptions(transport: Transport, call: HttpCall, retryable?: () => boolean): ReadOptions {
  return {
    limits: transport.limits,
    what: call.what,
    signal: call.signal,
    ...(retryable ? { retryable } : {}),
  };
}

/**
 * Sends `call` and hands the started 2xx response to `open`, all within the start timeout and the retries:
 * `open` reads a whole JSON body, or a stream up to its first delta, so anything that fails before a result
 * is delivered is retried. Whatever `open` returns is the result.
 */
export async function send<T>(
  transport: Transport,
  call: HttpCall,
  open: (response: Response) => Promise<T>,
): Promise<T> {
  const { signal, what } = call;
  const attempt = () =>
    withStartTimeout(
      async (startSignal) => {
        let response: Response;
        try {
          response = await transport.fetch(call.url, {
            method: call.method,
            headers: call.headers,
            body: call.body ?? null,
            signal: startSignal,
          });
        } catch (error) {
          // A timeout is reported by withStartTimeout, an abort by withRetry; anything else is the network.
          if (startSignal.aborted) throw error;
          throw toTransportError(error, what, signal);
        }
        if (!response.ok) {
          const text = await readText(response, readOptions(transport, call)).catch(() => '');
          throw call.failure(response.status, text, response.headers);
        }
        try {
          return await open(response);
        } catch (error) {
          if (startSignal.aborted && !isDragomanError(error)) throw error;
          throw toTransportError(error, what, signal);
        }
      },
      { timeoutMs: transport.timeoutMs, what, ...(signal ? { signal } : {}) },
    );
  const random = transport.random;
  return withRetry(attempt, {
    ...transport.retry,
    ...(signal ? { signal } : {}),
    ...(random ? { random } : {}),
    ...(call.onRetry ? { onRetry: call.onRetry } : {}),
  });
}
