import { redactError } from '../redact.js';
import {
  type HttpCall,
  readJson as readJsonBody,
  readOptions,
  send as sendHttp,
} from '../transport/index.js';
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
  signal?: AbortSignal | undefined;
  /** Told about each retry, with the error already redacted. */
  onRetry?: CallOptions['onRetry'];
}

/**
 * `POST http://host/v1/chat/completions`: names the call in errors, without the base URL's query string
 * (which may carry a key) and never with the API key.
 */
export function describeCall(settings: ResolvedSettings, request: SendRequest): string {
  return describe(request.method, endpoint(settings.baseURL, request.path));
}

function describe(method: string, url: URL): string {
  return `${method} ${url.origin}${url.pathname}`;
}

/** `baseURL` with `path` appended to its path, before any query string it carries (`?api-version=...`). */
function endpoint(baseURL: string, path: string): URL {
  const url = new URL(baseURL);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  return url;
}

/** The transport call for one request to this server. */
export function toHttpCall(settings: ResolvedSettings, request: SendRequest): HttpCall {
  const url = endpoint(settings.baseURL, request.path);
  const what = describe(request.method, url);
  const { onRetry } = request;
  return {
    method: request.method,
    url: url.toString(),
    headers: settings.headers,
    body: request.body,
    what,
    signal: request.signal,
    onRetry:
      onRetry && ((attempt) => onRetry({ ...attempt, error: redactError(attempt.error, settings.secret) })),
    failure: (status, text, headers) =>
      mapHttpError(status, headers, text, { what, model: request.model, secret: settings.secret }),
  };
}

/**
 * Sends one request through the shared transport (retries, start timeout, typed errors) and hands the
 * started 2xx response to `open`, which runs within the retries: a non-streamed call reads its whole body
 * there; a streamed one reads up to its first delta.
 */
export function send<T>(
  settings: ResolvedSettings,
  request: SendRequest,
  open: (response: Response, call: HttpCall) => Promise<T>,
): Promise<T> {
  const call = toHttpCall(settings, request);
  return sendHttp(settings.transport, call, (response) => open(response, call));
}

/** Reads a JSON body within the limits; a body that is not JSON is a non-retryable `malformed-response`. */
export function readJson(settings: ResolvedSettings, response: Response, call: HttpCall): Promise<unknown> {
  return readJsonBody(
    response,
    readOptions(settings.transport, call),
    'Check that baseURL points at an OpenAI-compatible server.',
  );
}
