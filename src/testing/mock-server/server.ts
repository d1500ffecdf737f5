import { createServer } from 'node:http';
import { listenOnLoopback } from '../listen-on-loopback.js';
import { defaultMockModels } from './catalog.js';
import { defaultMockReply } from './default-reply.js';
import { handleRequest, type RequestContext } from './handle-request.js';
import { createRandomSource } from './random.js';
import { requestValidators } from './schema-validation.js';
import type {
  MockFault,
  MockModelInfo,
  MockReplyFunction,
  MockRequestBody,
  RecordedRequest,
} from './types.js';

/** Options for {@link createMockMistralServer}. */
export interface MockServerOptions {
  /** Decides each answer. @default a short text that names the mock and echoes the last user message */
  reply?: MockReplyFunction;
  /** When set, requests without `Authorization: Bearer <apiKey>` get the API's 401 body. */
  apiKey?: string;
  /**
   * Models for `GET /v1/models`, retirement, context windows, reasoning and `reasoning_effort` values. A model
   * id the list does not name answers 400 `invalid_model`, as the API does, unless `acceptUnknownModels` is set.
   * @default {@link defaultMockModels}
   */
  models?: readonly MockModelInfo[];
  /** Accept model ids `models` does not name, with a 131,072-token window and no reasoning. @default false */
  acceptUnknownModels?: boolean;
  /** Model id -> ISO date: answers for these models carry `x-model-deprecation-timestamp`. */
  deprecated?: Record<string, string>;
  /** Check request bodies against the API's schema and rules. @default true */
  validate?: boolean;
  /** Faults to inject, consumed in order, one per request. */
  faults?: MockFault[];
  /** Seed for ids and `p` padding, for byte-stable output. @default random */
  paddingSeed?: number;
  /** Counts a body's prompt tokens for the context-overflow rule. @default a characters/4 estimate */
  countTokens?: (body: MockRequestBody) => number;
}

/** A running mock of La Plateforme's HTTP API on 127.0.0.1. */
export interface MockMistralServer {
  /** Base URL, e.g. `http://127.0.0.1:53211`; pass it as the SDK's `serverURL` as is. */
  readonly url: string;
  /** Every request received, in order (authorization redacted). */
  readonly requests: readonly RecordedRequest[];
  /** Replaces the reply function. */
  reply(reply: MockReplyFunction): void;
  /** Queues a one-shot fault for the next request (after faults queued earlier). */
  injectFault(fault: MockFault): void;
  /** Stops the server, closes every connection (keep-alive ones too) and cancels pending delays. */
  close(): Promise<void>;
}

/**
 * Starts a local server that speaks Mistral's chat, FIM and models API over real HTTP, for testing agents
 * offline with the real SDK: scripted replies, the API's validation rules and error bodies, and faults.
 * @example
 * const server = await createMockMistralServer({ reply: () => ({ text: 'Bonjour' }) });
 * const client = new MistralCore({ apiKey: 'test', serverURL: server.url });
 * // ... run the code under test ...
 * await server.close();
 */
export async function createMockMistralServer(options: MockServerOptions = {}): Promise<MockMistralServer> {
  const lifetime = new AbortController();
  if (options.validate !== false) requestValidators();
  const context: RequestContext = {
    reply: options.reply ?? defaultMockReply,
    models: options.models ?? defaultMockModels,
    deprecated: { ...options.deprecated },
    validate: options.validate ?? true,
    random: createRandomSource(options.paddingSeed),
    now: Date.now,
    requests: [],
    faults: [...(options.faults ?? [])],
    lifetime: lifetime.signal,
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.countTokens === undefined ? {} : { countTokens: options.countTokens }),
    acceptUnknownModels: options.acceptUnknownModels === true,
  };
  const server = createServer((request, response) => {
    handleRequest(context, request, response)
      .then(() => {
        // A wait cut short (client gone, server closing) returns without an answer: free the socket, which
        // would otherwise stay half-open.
        if (!response.writableEnded) response.destroy();
      })
      .catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else {
          const message = error instanceof Error ? error.message : String(error);
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              object: 'error',
              message: `Mock server: ${message}`,
              type: 'mock_error',
              param: null,
              code: null,
            }),
          );
        }
      });
  });
  const origin = await listenOnLoopback(server);
  return {
    url: origin,
    requests: context.requests,
    reply(reply) {
      context.reply = reply;
    },
    injectFault(fault) {
      context.faults.push(fault);
    },
    async close() {
      lifetime.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
