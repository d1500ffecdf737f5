import { UserInputError } from '../../errors.js';
import { type Secrets, secretHeaderValues } from '../redact.js';
import { type RetryOptions, validateRetryOptions } from '../retry.js';
import { DEFAULT_START_TIMEOUT_MS, validateTimeoutMs } from '../timeout.js';
import {
  type FetchFunction,
  type ResponseLimits,
  resolveLimits,
  type Transport,
} from '../transport/index.js';
import { OPENAI_COMPATIBLE_FAMILIES, type OpenAICompatibleFamily } from './dialects.js';

export type { FetchFunction } from '../transport/index.js';

/** Where an OpenAI-compatible server lives and how to talk to it. Shared by every model of one server. */
export interface OpenAICompatibleSettings {
  /**
   * The API root including its version path, as the OpenAI SDKs expect it: `http://localhost:8000/v1`
   * (vLLM), `http://localhost:11434/v1` (Ollama), `http://localhost:1234/v1` (LM Studio),
   * `http://localhost:8080/v1` (llama.cpp). `/chat/completions` and `/models` are appended to its path; a
   * query string (`?api-version=...`) is kept on every request and left out of error messages.
   */
  baseURL: string;
  /** Sent as `Authorization: Bearer <apiKey>`. Local servers usually need none. Never appears in errors. */
  apiKey?: string;
  /** Extra request headers (a gateway's own auth header, for example). */
  headers?: Record<string, string>;
  /** Which server this is; picks the row of the dialect table. @default 'generic' */
  family?: OpenAICompatibleFamily;
  /** How long a response may take to start, in ms; `0` or `Infinity` waits forever. @default 60_000 */
  timeoutMs?: number;
  /** Retry policy for 429, 5xx, network failures and timeouts (the same policy as the Mistral adapter). */
  retry?: RetryOptions;
  /**
   * The `fetch` to use; inject one to add a proxy, logging or a test double.
   * @default the global `fetch`, looked up at call time
   */
  fetch?: FetchFunction;
  /** Bounds on reading a response once it started: size, silence between chunks, total time. */
  limits?: ResponseLimits;
  /**
   * The context window to report from `listModels()` when the server does not send one: a number for every
   * model, or a map of model id to window.
   */
  contextWindow?: number | Record<string, number>;
  /**
   * Whether the model sees images. With `false`, images in tool results (a screenshot from an MCP server)
   * are described in a line instead of sent, since a text-only model's server refuses image parts.
   * @default true
   */
  vision?: boolean;
}

/** Options of `openaiCompatible()`: the server settings plus the model id to call. */
export interface OpenAICompatibleModelOptions extends OpenAICompatibleSettings {
  /** The model id as the server knows it (vLLM's served model name, an Ollama tag, ...). */
  model: string;
}

/** Settings after validation, with defaults filled in. */
export interface ResolvedSettings {
  baseURL: string;
  family: OpenAICompatibleFamily;
  /** fetch, timeout, retries and limits, as the shared transport takes them. */
  transport: Transport;
  /** Request headers, including Authorization when an apiKey was given. */
  headers: Record<string, string>;
  /** The API key, kept only so it can be redacted from server messages. */
  secret: Secrets;
  contextWindow: number | Record<string, number> | undefined;
  vision: boolean;
}

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-config', message, { path, hint });
}

function checkBaseURL(baseURL: unknown): string {
  if (typeof baseURL !== 'string' || baseURL.trim() === '') {
    throw invalid(
      'baseURL',
      `baseURL is ${JSON.stringify(baseURL)}.`,
      'Pass the server root, e.g. http://localhost:8000/v1.',
    );
  }
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw invalid(
      'baseURL',
      `baseURL "${baseURL}" is not a URL.`,
      'Pass the server root, e.g. http://localhost:8000/v1.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('baseURL', `baseURL uses ${url.protocol}, not http: or https:.`, 'Use an http(s) URL.');
  }
  if (url.username || url.password) {
    throw invalid(
      'baseURL',
      'baseURL contains credentials.',
      'Pass the key as apiKey or in headers instead.',
    );
  }
  return baseURL.replace(/\/+$/, '');
}

/** Checks the settings, naming the bad value, and fills in defaults. */
export function resolveSettings(settings: OpenAICompatibleSettings): ResolvedSettings {
  if (typeof settings !== 'object' || settings === null) {
    throw invalid('settings', 'The OpenAI-compatible settings are missing.', 'Pass at least { baseURL }.');
  }
  const baseURL = checkBaseURL(settings.baseURL);
  const family = settings.family ?? 'generic';
  if (!OPENAI_COMPATIBLE_FAMILIES.includes(family)) {
    throw invalid(
      'family',
      `family "${String(family)}" is unknown.`,
      `Use one of ${OPENAI_COMPATIBLE_FAMILIES.join(', ')}.`,
    );
  }
  const timeoutMs = settings.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  validateTimeoutMs(timeoutMs);
  validateRetryOptions(settings.retry ?? {});
  if (settings.apiKey !== undefined && typeof settings.apiKey !== 'string') {
    throw invalid('apiKey', 'apiKey is not a string.', 'Pass the key as a string, or leave it out.');
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(settings.headers ?? {})) {
    if (typeof value !== 'string') {
      throw invalid(`headers.${name}`, `Header "${name}" is not a string.`, 'Header values must be strings.');
    }
    headers[name.toLowerCase()] = value;
  }
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const fetchFunction: FetchFunction = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (typeof fetchFunction !== 'function') {
    throw invalid('fetch', 'No fetch function is available.', 'Use Node 20+ or pass options.fetch.');
  }
  return {
    baseURL,
    family,
    transport: {
      fetch: fetchFunction,
      timeoutMs,
      retry: settings.retry ?? {},
      limits: resolveLimits(settings.limits),
    },
    headers,
    // The key and every credential-looking header value are redacted from errors alike.
    secret: [settings.apiKey, ...secretHeaderValues(settings.headers)],
    contextWindow: settings.contextWindow,
    vision: settings.vision !== false,
  };
}

/** Checks a model id. */
export function checkModelId(model: unknown): string {
  if (typeof model !== 'string' || model.trim() === '') {
    throw invalid(
      'model',
      `model is ${JSON.stringify(model)}.`,
      'Pass the model id the server serves (GET {baseURL}/models lists them).',
    );
  }
  return model;
}
