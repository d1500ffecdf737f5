import { abortErrorFrom, ConnectionError, isDragomanError } from '../../errors.js';
import { redactError } from '../redact.js';
import { withRetry } from '../retry.js';
import { withStartTimeout } from '../timeout.js';
import type { CallOptions } from '../types.js';
import { mapHttpError } from './map-error.js';
import type { ResolvedSettings } from './options.js';

/** One HTTP call to the server: which path, which body, for which model. */
export interface SendRequest {
  method: 'GET' | 'POST';
  /** Appended to `baseURL`, e.g. `/chat/completions`. */
  path: string;
  body?: string;
  model?: string;
  signal?: AbortSignal;
  /** Told about each retry, with the error already redacted. */
  onRetry?: CallOptions['onRetry'];
}

/** `POST http://host/v1/chat/completions`: names the call in errors (never with the key). */
export function describeCall(settings: ResolvedSettings, request: SendRequest): string {
  return `${request.method} ${settings.baseURL}${request.path}`;
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
    hint: 'Check that the server is running and reachable at baseURL.',
  });
}

/**
 * Sends one request with the shared retry and start-of-response timeout policy, and returns the response
 * once it has started with a 2xx status. `readBody` runs inside the retried attempt (for non-streamed calls,
 * so a connection reset while reading the body is retried too); streamed calls pass none and read the body
 * afterwards, outside the retries, because deltas already delivered cannot be taken back.
 */
export async function send<T>(
  settings: ResolvedSettings,
  request: SendRequest,
  readBody: (response: Response, what: string) => Promise<T>,
): Promise<T> {
  const url = `${settings.baseURL}${request.path}`;
  const what = describeCall(settings, request);
  const { signal, onRetry } = request;
  return withRetry(
    async () => {
      const response = await withStartTimeout(
        async (startSignal) => {
          try {
            return await settings.fetch(url, {
              method: request.method,
              headers: settings.headers,
              body: request.body,
              signal: startSignal,
            });
          } catch (error) {
            // A timeout or caller abort is reported by withStartTimeout / withRetry; anything else is network.
            if (startSignal.aborted) throw error;
            throw toTransportError(error, what, signal);
          }
        },
        { timeoutMs: settings.timeoutMs, signal, what },
      );
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        throw mapHttpError(response.status, response.headers, text, {
          what,
          model: request.model,
          secret: settings.secret,
        });
      }
      try {
        return await readBody(response, what);
      } catch (error) {
        throw toTransportError(error, what, signal);
      }
    },
    onRetry
      ? {
          ...settings.retry,
          signal,
          onRetry: (attempt) => onRetry({ ...attempt, error: redactError(attempt.error, settings.secret) }),
        }
      : { ...settings.retry, signal },
  );
}

/** Reads a JSON body; a body that is not JSON is a non-retryable `malformed-response`. */
export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConnectionError(
      'malformed-response',
      `${what} returned a body that is not JSON: ${text.slice(0, 80)}`,
      {
        cause: error,
        hint: 'Check that baseURL points at an OpenAI-compatible server.',
      },
    );
  }
}
