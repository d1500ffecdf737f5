/**
 * `createMistral()`: a Mistral provider. Call it with a model id to get a {@link Model}; it also runs FIM
 * completions and lists models. Each provider holds its own settings: no global state.
 * @module
 */
import { UserInputError } from '../../errors.js';
import { type RetryOptions, validateRetryOptions } from '../retry.js';
import { DEFAULT_START_TIMEOUT_MS, validateTimeoutMs } from '../timeout.js';
import { type FetchFunction, type ResponseLimits, resolveLimits } from '../transport/index.js';
import type { CallOptions, ModelLister, RemoteModelInfo } from '../types.js';
import { createKeyResolver, DEFAULT_SERVER_URL, type MistralClient } from './client.js';
import { type FimRequest, type FimResponse, runFim } from './fim.js';
import { listMistralModels } from './list-models.js';
import { createMistralModel, type MistralModel, type MistralModelSettings } from './mistral-model.js';

/** Options of {@link createMistral}. */
export interface MistralProviderOptions {
  /** API key. @default process.env.MISTRAL_API_KEY, read at call time */
  apiKey?: string;
  /** Base URL, e.g. the mock server's `server.url`, without the `/v1` suffix (a path prefix is kept). @default 'https://api.mistral.ai' */
  serverURL?: string;
  /** How long a response may take to start (headers, or a stream's first delta). @default 60_000 */
  timeoutMs?: number;
  /** Retry policy for 429, 5xx, connection errors and timeouts. */
  retry?: RetryOptions;
  /**
   * A fetch to send requests with (proxies, logging, tests), called as `fetch(url, init)`.
   * @default the global `fetch`, looked up at call time
   */
  fetch?: FetchFunction;
  /** Bounds on reading a response once it started: size, silence between chunks, total time. */
  limits?: ResponseLimits;
  /** Random source for backoff jitter and fresh tool-call ids (tests). @default Math.random */
  random?: () => number;
}

/** A Mistral provider: `provider(modelId, settings?)` makes a model; `fim` and `listModels` call the API. */
export interface MistralProvider extends ModelLister {
  (modelId: string, settings?: MistralModelSettings): MistralModel;
  /** Fill-in-the-middle completion (Codestral). */
  fim(request: FimRequest, options?: CallOptions): Promise<FimResponse>;
  /** `GET /v1/models`, normalized. */
  listModels(options?: CallOptions): Promise<RemoteModelInfo[]>;
}

function checkOptions(options: MistralProviderOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new UserInputError('invalid-config', 'createMistral options are not an object.', {
      path: 'options',
      hint: 'Pass { apiKey?, serverURL?, timeoutMs?, retry?, limits?, fetch? }.',
    });
  }
  if (options.serverURL !== undefined && !URL.canParse(options.serverURL)) {
    throw new UserInputError(
      'invalid-config',
      `serverURL ${JSON.stringify(options.serverURL)} is not a URL.`,
      {
        path: 'serverURL',
        hint: 'Use e.g. https://api.mistral.ai (no /v1 suffix).',
      },
    );
  }
  if (options.timeoutMs !== undefined) validateTimeoutMs(options.timeoutMs);
  if (options.retry !== undefined) validateRetryOptions(options.retry);
}

/**
 * Creates a Mistral provider.
 *
 * @example
 * const mistral = createMistral({ apiKey: process.env.MISTRAL_API_KEY });
 * const model = mistral('mistral-small-latest', { temperature: 0.2 });
 * const response = await model.generate({ messages: [{ role: 'user', content: 'Hello' }] });
 */
export function createMistral(options: MistralProviderOptions = {}): MistralProvider {
  checkOptions(options);
  const apiKey = createKeyResolver(options.apiKey);
  const client: MistralClient = {
    apiKey,
    serverURL: (options.serverURL ?? DEFAULT_SERVER_URL).replace(/\/+$/, ''),
    transport: {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      retry: options.retry ?? {},
      limits: resolveLimits(options.limits),
      random: options.random,
    },
    random: options.random,
  };
  const provider = (modelId: string, settings?: MistralModelSettings) =>
    createMistralModel(client, modelId, settings);
  return Object.assign(provider, {
    fim: (request: FimRequest, callOptions?: CallOptions) => runFim(client, request, callOptions),
    listModels: (callOptions?: CallOptions) => listMistralModels(client, callOptions),
  });
}

/**
 * A Mistral model with its own provider: shorthand for `createMistral(options)(modelId, settings)`.
 * @example const model = mistral('codestral-latest');
 */
export function mistral(
  modelId: string,
  options: MistralProviderOptions & { settings?: MistralModelSettings } = {},
): MistralModel {
  const { settings, ...providerOptions } = options;
  return createMistral(providerOptions)(modelId, settings);
}
