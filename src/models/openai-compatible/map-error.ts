import { ApiError, type DragomanErrorCode } from '../../errors.js';
import { redactSecrets, type Secrets } from '../redact.js';
import { parseContextOverflow } from './context-overflow.js';

/** What the error mapper needs to know about the failed call. */
export interface ErrorContext {
  /** e.g. `POST http://localhost:8000/v1/chat/completions`. */
  what: string;
  model?: string;
  /** The API key, redacted from anything the server echoes. */
  secret?: Secrets;
}

interface ParsedBody {
  message?: string;
  type?: string;
  code?: string;
  /** llama.cpp's `n_prompt_tokens` / `n_ctx` on context overflows. */
  promptTokens?: number;
  contextTokens?: number;
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return undefined;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Reads the error bodies OpenAI-compatible servers send: OpenAI and vLLM >= 0.10.1 and llama.cpp
 * `{error:{message,type,code}}`, older vLLM and Mistral `{object:'error',message,type,code}`, Ollama's
 * `{error:'text'}`, FastAPI's `{detail}`, and plain text.
 */
export function parseErrorBody(text: string): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    return trimmed ? { message: trimmed.slice(0, 500) } : {};
  }
  if (json === null || typeof json !== 'object') return { message: asString(json) };
  const record = json as Record<string, unknown>;
  const inner = record.error;
  const source =
    inner !== null && typeof inner === 'object'
      ? (inner as Record<string, unknown>)
      : (record as Record<string, unknown>);
  const message =
    typeof inner === 'string' ? inner : asString(source.message ?? source.detail ?? record.detail);
  return {
    message,
    type: asString(source.type),
    code: source.code === null ? undefined : asString(source.code),
    promptTokens: asNumber(source.n_prompt_tokens),
    contextTokens: asNumber(source.n_ctx),
  };
}

/** Milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Headers, now: () => number = Date.now): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function redact(text: string, secret: Secrets): string {
  return redactSecrets(text, secret);
}

function classify(
  status: number,
  body: ParsedBody,
): { code: DragomanErrorCode; hint: string; retryable: boolean } {
  const message = body.message ?? '';
  if (status === 401 || status === 403) {
    return { code: 'auth', hint: 'Check apiKey (or the headers your gateway expects).', retryable: false };
  }
  if (status === 429)
    return { code: 'rate-limit', hint: 'Slow down or raise the server limit.', retryable: true };
  if (status >= 500)
    return { code: 'server', hint: 'The server failed; retrying may help.', retryable: true };
  if (status === 404) {
    const aboutModel = /model/i.test(message) || body.code === 'model_not_found';
    return aboutModel
      ? { code: 'model-not-found', hint: 'Use a model id from GET {baseURL}/models.', retryable: false }
      : {
          code: 'bad-request',
          hint: 'Check that baseURL ends with the API root, e.g. /v1.',
          retryable: false,
        };
  }
  return {
    code: 'bad-request',
    hint: 'Fix the request; retrying the same one will fail again.',
    retryable: false,
  };
}

/** Turns a non-2xx response into a typed {@link ApiError}, with numbers parsed where the message has them. */
export function mapHttpError(
  status: number,
  headers: Headers,
  bodyText: string,
  context: ErrorContext,
): ApiError {
  // Redacted before parsing, which shortens long bodies: a cut must not leave half of the key behind.
  const body = parseErrorBody(redactSecrets(bodyText, context.secret));
  const serverMessage = redact(body.message ?? '(no message)', context.secret);
  const overflow =
    status === 400 || status === 413 || status === 422
      ? parseContextOverflow(serverMessage, body)
      : undefined;
  const { code, hint, retryable } = overflow
    ? { code: 'context-overflow' as const, hint: 'Trim the history or lower maxTokens.', retryable: false }
    : classify(status, body);
  const retryAfterMs = parseRetryAfter(headers);
  const model = context.model ? ` for model "${context.model}"` : '';
  return new ApiError(code, `${context.what} answered ${status}${model}: ${serverMessage}`, {
    hint,
    status,
    providerCode: body.code,
    providerType: body.type,
    retryable,
    retryAfterMs,
    promptTokens: overflow?.promptTokens,
    maxContextTokens: overflow?.maxContextTokens,
    model: context.model,
  });
}
