/**
 * The one place where Mistral failures become dragoman errors: HTTP errors (by Mistral code, then status,
 * then message), SDK client errors (connection, timeout, abort) and malformed bodies. Messages name the
 * values and say what to do; the API key is scrubbed from everything we write.
 * @module
 */

import { AbortError, ApiError, ConnectionError, isDragomanError } from '../../errors.js';
import { lookupModel } from '../catalog/index.js';
import { redactError, redactSecrets } from '../redact.js';
import { parseRetryAfter } from '../retry.js';
import { describeDetails, type ErrorBody, parseErrorBody } from './parse-error-body.js';
import type { WireMessage } from './wire-types.js';

/** What the mapper knows about the failed call. */
export interface MistralErrorContext {
  /** The model id of the call. */
  model?: string;
  /** e.g. `POST /v1/chat/completions`. */
  operation?: string;
  /** The key in use, scrubbed from every message. */
  apiKey?: string;
  /** The compiled messages that were sent, to name the offending index. */
  messages?: readonly WireMessage[];
  /** The caller's signal: an abort error is an `AbortError` only when it fired. */
  signal?: AbortSignal;
  /** For Retry-After HTTP-dates. @default Date.now */
  now?: () => number;
}

const OVERFLOW = /Prompt contains (\d+) tokens.*?too large for model with (\d+) maximum context length/is;
const ORDER = /Unexpected role '(\w+)' after role '(\w+)'|Expected last role/i;
const TOOL_ID = /Tool call id (?:was (\S+) but must|has to be defined)/i;

function findOrderIndex(messages: readonly WireMessage[] | undefined, after: string, role: string): string {
  const index =
    messages?.findIndex((message, i) => message.role === role && messages[i - 1]?.role === after) ?? -1;
  return index > 0 ? ` (sent messages[${index}] is ${role} right after ${after})` : '';
}

function findToolIdIndex(messages: readonly WireMessage[] | undefined, id: string | undefined): string {
  if (!messages || !id) return '';
  const index = messages.findIndex(
    (message) =>
      (message.role === 'tool' && message.toolCallId === id) ||
      (message.role === 'assistant' && message.toolCalls?.some((call) => call.id === id)),
  );
  return index >= 0 ? ` (sent messages[${index}])` : '';
}

function mapBadRequest(
  status: number,
  body: ErrorBody,
  context: MistralErrorContext,
  base: object,
): ApiError {
  const overflow = OVERFLOW.exec(body.text);
  if (overflow) {
    const promptTokens = Number(overflow[1]);
    const maxContextTokens = Number(overflow[2]);
    return new ApiError(
      'context-overflow',
      `The prompt has ${promptTokens} tokens; ${context.model ?? 'the model'} takes at most ${maxContextTokens}.`,
      {
        ...base,
        promptTokens,
        maxContextTokens,
        hint: `Trim the history by at least ${promptTokens - maxContextTokens} tokens (plus room for the answer), or pick a model with a larger window.`,
      },
    );
  }
  const order = ORDER.exec(body.text);
  if (body.code === '3230' || order) {
    const where = order?.[1] ? findOrderIndex(context.messages, order[2]!, order[1]) : '';
    return new ApiError('message-order', `Mistral rejected the message order: ${body.text}${where}.`, {
      ...base,
      hint: 'A user message may not follow a tool message, and the last message must be user or tool (or assistant with prefix: true); send the history through compileMistralRequest.',
    });
  }
  const toolId = TOOL_ID.exec(body.text);
  if (body.code === '3280' || toolId) {
    const where = findToolIdIndex(context.messages, toolId?.[1]);
    return new ApiError('tool-call-id', `Mistral rejected a tool call id: ${body.text}${where}.`, {
      ...base,
      hint: 'Tool call ids must be exactly 9 characters of [A-Za-z0-9]; let the compiler map foreign ids.',
    });
  }
  const forbidden = body.detail.filter((entry) => entry.type === 'extra_forbidden');
  if (forbidden.length > 0) {
    const fields = forbidden.map((entry) => entry.loc.filter((part) => part !== 'body').join('.'));
    return new ApiError(
      'extra-forbidden',
      `Mistral rejected unknown request fields: ${fields.join(', ')} (${status}).`,
      {
        ...base,
        hint: `Remove ${fields.join(', ')} from the request; Mistral forbids fields it does not know.`,
      },
    );
  }
  const what = body.detail.length > 0 ? describeDetails(body.detail) : body.text;
  return new ApiError('bad-request', `Mistral rejected the request (${status}): ${what}.`, {
    ...base,
    hint: 'Check the request fields and the message history named above.',
  });
}

/** Maps an HTTP error status and body (any known shape) to an {@link ApiError}. */
export function mapHttpError(
  status: number,
  bodyText: string,
  headers: Headers | undefined,
  context: MistralErrorContext = {},
): ApiError {
  // Redacted before parsing, which shortens long bodies: a cut must not leave half of the key behind.
  const body = parseErrorBody(redactSecrets(bodyText, context.apiKey));
  const model = context.model;
  const base = { status, providerCode: body.code, providerType: body.type, model };
  const what = `${context.operation ?? 'The Mistral call'}${model ? ` (${model})` : ''}`;
  if (status === 401 || status === 403) {
    return new ApiError('auth', `${what} was refused: ${status} ${body.text}.`, {
      ...base,
      hint: 'Check MISTRAL_API_KEY (or the apiKey option): it may be missing, revoked, or for another workspace.',
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers?.get('retry-after'), context.now?.() ?? Date.now());
    const wait = retryAfterMs === undefined ? '' : ` Retry-After asks for ${retryAfterMs} ms.`;
    return new ApiError('rate-limit', `${what} was rate limited: ${body.text}.${wait}`, {
      ...base,
      retryable: true,
      retryAfterMs,
      hint: 'Slow down, raise retry.maxRetries / retry.maxElapsedMs, or ask Mistral for a higher limit.',
    });
  }
  // The API answers an unknown or retired model with 400 `invalid_model` (code 1500); older docs said 404.
  if (status === 404 || body.type === 'invalid_model' || body.code === '1500') {
    const info = model ? lookupModel(model) : undefined;
    if (info?.status === 'retired') {
      return new ApiError(
        'model-retired',
        `${model} was retired${info.retiredOn ? ` on ${info.retiredOn}` : ''}: ${body.text}.`,
        {
          ...base,
          hint: `Use ${info.replacement ?? 'a current model'} instead.`,
        },
      );
    }
    return new ApiError('model-not-found', `${what} answered ${status}: ${body.text}.`, {
      ...base,
      hint: 'Check the model id (listModels() shows the ids your key can use) and serverURL (no /v1 suffix).',
    });
  }
  if (status >= 500) {
    return new ApiError('server', `${what} failed on the server: ${status} ${body.text}.`, {
      ...base,
      retryable: true,
      hint: "This is on Mistral's side; it is retried automatically. If it persists, check status.mistral.ai.",
    });
  }
  return mapBadRequest(status, body, context, base);
}

interface HttpErrorShape {
  name: string;
  statusCode: number;
  body: string;
  headers?: Headers;
}

function isHttpError(error: unknown): error is HttpErrorShape {
  const value = error as Partial<HttpErrorShape> | null;
  return typeof value?.statusCode === 'number' && typeof value.body === 'string';
}

function malformed(what: string, error: unknown): ConnectionError {
  return new ConnectionError('malformed-response', `${what} returned a body that could not be read.`, {
    cause: error,
    hint: 'The server sent malformed JSON or an unexpected shape; check serverURL points at a Mistral-compatible API.',
  });
}

function mapUnscrubbed(error: unknown, context: MistralErrorContext): unknown {
  if (isDragomanError(error)) return error;
  const what = context.operation ?? 'The Mistral call';
  if (context.signal?.aborted)
    return new AbortError(`${what} was aborted.`, { cause: context.signal.reason });
  const name = (error as { name?: unknown } | null)?.name;
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  if (name === 'ResponseValidationError') return malformed(what, error);
  // A 2xx the SDK could not use (wrong content type, empty body) is a malformed answer, not an API error.
  if (isHttpError(error) && error.statusCode < 300) return malformed(what, error);
  if (isHttpError(error)) return mapHttpError(error.statusCode, error.body, error.headers, context);
  if (name === 'SyntaxError' || name === 'ZodError' || name === '$ZodError') return malformed(what, error);
  if (name === 'SDKValidationError') {
    if (/^Response/i.test(message)) return malformed(what, error);
    return error;
  }
  if (name === 'RequestTimeoutError' || name === 'TimeoutError') {
    return new ConnectionError('timeout', `${what} timed out.`, { cause: error });
  }
  if (
    ['ConnectionError', 'RequestAbortedError', 'UnexpectedClientError', 'AbortError'].includes(
      String(name),
    ) ||
    (name === 'TypeError' && /fetch|terminated|socket|network/i.test(message))
  ) {
    return new ConnectionError('connection', `${what} lost its connection: ${message.slice(0, 200)}.`, {
      cause: error,
      hint: 'Check the network and serverURL; the call is retried automatically.',
    });
  }
  return error;
}

/**
 * Maps anything the SDK (or fetch) threw to a dragoman error. Unknown errors (bugs) are returned as they
 * are, so nothing is swallowed. The API key never appears in a message we write.
 */
export function mapMistralError(error: unknown, context: MistralErrorContext = {}): unknown {
  return redactError(mapUnscrubbed(error, context), context.apiKey);
}
