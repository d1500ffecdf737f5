import type { OpenAICompatibleFamily } from '../../models/openai-compatible/index.js';
import type { MockFault, MockReplyFunction, RecordedRequest } from '../mock-server/types.js';

/** A model the OpenAI-dialect mock serves. */
export interface MockOpenAIModel {
  id: string;
  /** The served context window: vLLM reports it as `max_model_len`, llama.cpp checks prompts against it. */
  contextWindow?: number;
  /** Whether it reads images (reported by llama.cpp's `architecture.input_modalities`). */
  vision?: boolean;
}

/** Options of {@link createMockOpenAIServer}. */
export interface MockOpenAIServerOptions {
  /**
   * Which server to mimic: its `/v1/models` fields, error bodies, tool-call id style, reasoning field,
   * and its documented rejection rules (see docs/providers.md). @default 'vllm'
   */
  family?: OpenAICompatibleFamily;
  /** Decides each answer; the same reply function shape as the Mistral mock. @default answers "OK" */
  reply?: MockReplyFunction;
  /** Served models; requests for others answer the family's 404. @default one `mistral-small-3.1`, 32,768 window */
  models?: MockOpenAIModel[];
  /** When set, requests must send `Authorization: Bearer <apiKey>` or get a 401. */
  apiKey?: string;
  /** Faults consumed one per request, in order, before any reply. */
  faults?: MockFault[];
}

/** A running OpenAI-dialect mock server on 127.0.0.1. Close it when done. */
export interface MockOpenAIServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>/v1`: pass this as `baseURL`. */
  readonly baseURL: string;
  readonly family: OpenAICompatibleFamily;
  /** Every request received, in order (authorization redacted). */
  readonly requests: readonly RecordedRequest[];
  /** Replaces the reply function. */
  reply(reply: MockReplyFunction): void;
  /** Queues a one-shot fault for the next request (after faults queued earlier). */
  injectFault(fault: MockFault): void;
  /** Stops listening, drops open connections (keep-alive ones too) and cancels pending delays. */
  close(): Promise<void>;
}
