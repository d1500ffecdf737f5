/**
 * The only file in dragoman that touches `@mistralai/mistralai`. It loads the SDK's standalone entry points
 * (`MistralCore` + `funcs/*`) with a dynamic `import()` on first use: that keeps the SDK off the import
 * path (cold start) and works from the CommonJS build too. The SDK's own retries are off and its whole-call
 * timeout never applies (we always pass a signal), because dragoman does both itself.
 * @module
 */
import { createCallSignals, type SignalledFetch } from './call-signals.js';
import type { SdkChatResponse, SdkUsage } from './parse-response.js';
import type { SdkStreamChunk } from './stream-assembler.js';
import type { WireChatRequest } from './wire-types.js';

/** What the SDK calls need per call. */
export interface SdkCallOptions {
  signal: AbortSignal;
}

/** A model card from `GET /v1/models`, as the SDK parses it. */
export interface SdkModelCard {
  id: string;
  aliases?: string[];
  maxContextLength?: number;
  capabilities?: Partial<
    Record<'completionChat' | 'functionCalling' | 'vision' | 'completionFim' | 'reasoning', boolean>
  >;
  deprecation?: Date | null;
  deprecationReplacementModel?: string | null;
}

/** A FIM request in the SDK's camelCase. */
export interface SdkFimRequest {
  model: string;
  prompt: string;
  suffix?: string;
  stop?: string[];
  maxTokens?: number;
  minTokens?: number;
}

/** The SDK calls dragoman uses, with response headers exposed. */
export interface MistralSdk {
  chatComplete(
    request: WireChatRequest,
    options: SdkCallOptions,
  ): Promise<{ response: SdkChatResponse; headers: Headers }>;
  chatStream(
    request: WireChatRequest,
    options: SdkCallOptions,
  ): Promise<{ events: AsyncIterable<{ data: SdkStreamChunk }>; headers: Headers }>;
  fimComplete(
    request: SdkFimRequest,
    options: SdkCallOptions,
  ): Promise<{ response: SdkChatResponse & { usage: SdkUsage }; headers: Headers }>;
  modelsList(options: SdkCallOptions): Promise<SdkModelCard[]>;
}

/** How to build the SDK client. */
export interface SdkClientConfig {
  /** Returns the API key at call time. */
  apiKey: () => string;
  serverURL?: string;
  /** Gets the SDK's `Request` and the call's own signal (see call-signals.ts). */
  fetch?: SignalledFetch;
}

/** The per-call options dragoman passes to SDK functions. */
interface SdkRequestOptions {
  signal: AbortSignal;
  retries: { strategy: 'none' };
  headers: Record<string, string>;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: unknown };
type Inspectable<T> = { $inspect(): Promise<[Result<T>, { response?: Response }]> };

async function unwrap<T>(call: Inspectable<T>): Promise<{ value: T; headers: Headers }> {
  const [result, info] = await call.$inspect();
  if (!result.ok) throw result.error;
  return { value: result.value, headers: info.response?.headers ?? new Headers() };
}

/**
 * Returns a loader that imports the SDK once and caches the client (per loader, so per provider: no
 * global state). A failed import is not cached, so a later call can try again.
 */
export function createSdkLoader(config: SdkClientConfig): () => Promise<MistralSdk> {
  return lazyImport(() => loadSdk(config));
}

/** Memoizes a module import; a failed import is forgotten so the next call tries again. */
function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

async function loadSdk(config: SdkClientConfig): Promise<MistralSdk> {
  // Only the core loads up front; each function's module loads on its first use, so a chat-only app never
  // pays for FIM or the model list (each SDK entry point pulls in its own request and response schemas).
  const [{ MistralCore }, { HTTPClient }] = await Promise.all([
    import('@mistralai/mistralai/core.js'),
    import('@mistralai/mistralai/lib/http.js'),
  ]);
  const loadComplete = lazyImport(() => import('@mistralai/mistralai/funcs/chatComplete.js'));
  const loadStream = lazyImport(() => import('@mistralai/mistralai/funcs/chatStream.js'));
  const loadFim = lazyImport(() => import('@mistralai/mistralai/funcs/fimComplete.js'));
  const loadModels = lazyImport(() => import('@mistralai/mistralai/funcs/modelsList.js'));
  const calls = createCallSignals();
  const core = new MistralCore({
    apiKey: async () => config.apiKey(),
    retryConfig: { strategy: 'none' },
    ...(config.serverURL ? { serverURL: config.serverURL } : {}),
    httpClient: new HTTPClient({
      // The SDK always calls its fetcher with a Request.
      fetcher: calls.fetcher(config.fetch ?? ((request, init) => fetch(request, init))) as never,
    }),
  });
  // Each call's options, tagged so the fetcher gets the call's signal itself; released once the call settled.
  const tagged = async <T>(options: SdkCallOptions, call: (request: SdkRequestOptions) => Promise<T>) => {
    const { id, headers } = calls.tag(options.signal);
    try {
      return await call({ signal: options.signal, retries: { strategy: 'none' }, headers });
    } finally {
      calls.release(id);
    }
  };
  return {
    async chatComplete(body, options) {
      const { chatComplete } = await loadComplete();
      const [result, info] = await tagged(options, (request) => chatComplete(core, body, request).$inspect());
      const headers = info.response?.headers ?? new Headers();
      if (result.ok) return { response: result.value as unknown as SdkChatResponse, headers };
      const recovered = await readWithoutUsage(result.error);
      if (recovered === undefined) throw result.error;
      return { response: recovered, headers };
    },
    async chatStream(body, options) {
      const { chatStream } = await loadStream();
      const { value, headers } = await tagged(options, (request) =>
        unwrap(chatStream(core, { ...body, stream: true }, request)),
      );
      return { events: value as unknown as AsyncIterable<{ data: SdkStreamChunk }>, headers };
    },
    async fimComplete(body, options) {
      const { fimComplete } = await loadFim();
      const { value, headers } = await tagged(options, (request) => unwrap(fimComplete(core, body, request)));
      return { response: value as unknown as SdkChatResponse, headers };
    },
    async modelsList(options) {
      const { modelsList } = await loadModels();
      const { value } = await tagged(options, (request) => unwrap(modelsList(core, undefined, request)));
      return (value.data ?? []) as unknown as SdkModelCard[];
    },
  };
}

/**
 * A complete answer whose body lacks `usage` (some OpenAI-compatible gateways and older servers omit it) fails
 * the SDK's response schema, although the answer itself is fine. Read it again with zero usage through the
 * SDK's own schema, loaded only on this error path. Anything else wrong with the body stays an error.
 */
async function readWithoutUsage(error: unknown): Promise<SdkChatResponse | undefined> {
  if (!(error instanceof Error) || error.name !== 'ResponseValidationError') return undefined;
  const raw = (error as Error & { rawValue?: unknown }).rawValue;
  if (typeof raw !== 'object' || raw === null || 'usage' in raw) return undefined;
  const { chatCompletionResponseFromJSON } = await import(
    '@mistralai/mistralai/models/components/chatcompletionresponse.js'
  );
  const zeroUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const parsed = chatCompletionResponseFromJSON(JSON.stringify({ ...raw, usage: zeroUsage }));
  return parsed.ok ? (parsed.value as unknown as SdkChatResponse) : undefined;
}
