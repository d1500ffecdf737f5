/**
 * Provider-neutral message types and the {@link Model} seam. Adapters compile these to a provider's wire
 * format; nothing here knows about Mistral or OpenAI field names.
 * @module
 */

/** A run of plain text inside a message. */
import type { RetryAttempt } from './retry.js';
export interface TextPart {
  type: 'text';
  text: string;
}

/**
 * An image inside a user message or a tool result: an `https:` URL or a `data:image/...;base64,` URL.
 */
export interface ImagePart {
  type: 'image';
  url: string;
  /** Pixel size, when known; lets the token counter estimate the image's cost. */
  width?: number;
  height?: number;
}

/** Reasoning text a reasoning model produced. Stripped before a message goes to a model without reasoning. */
export interface ThinkingPart {
  type: 'thinking';
  text: string;
  /**
   * The provider's signature over this reasoning (Mistral `thinking[].signature`), replayed with it to
   * reasoning models: Mistral says dropping it degrades Medium 3.5's answers.
   */
  signature?: string;
}

/** One call the model asked for. `arguments` is the raw JSON string as the model wrote it. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Instructions for the model. Only valid at the start of a conversation. */
export interface SystemMessage {
  role: 'system';
  content: string;
}

/** A user turn: text, or text and images. */
export interface UserMessage {
  role: 'user';
  content: string | Array<TextPart | ImagePart>;
}

/** Where an assistant message came from; kept in history, never sent on the wire. */
export interface AssistantMeta {
  /** The route that produced it (`arabic`, `code`, `general`, or a custom route). */
  route?: string;
  /** The model id that produced it. */
  model?: string;
  /** True for turns dragoman wrote itself (bridging turns, summaries). */
  synthetic?: 'bridge' | 'summary';
}

/** A model turn: text (and thinking), tool calls, or both. */
export interface AssistantMessage {
  role: 'assistant';
  content: string | Array<TextPart | ThinkingPart>;
  toolCalls?: ToolCall[];
  /**
   * Ask the model to continue this text (Mistral `prefix: true`). Only meaningful on the last message;
   * the adapter strips the echoed prefix from the reply.
   */
  prefix?: boolean;
  meta?: AssistantMeta;
}

/** The result of one tool call, answering the assistant's call with the same `toolCallId`. */
export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  /** The tool's name (Mistral wants it on the wire). */
  name: string;
  /**
   * What the tool returned: text, or text and images (a screenshot, a rendered chart, an MCP image result).
   * Each adapter sends images the way its API takes them (docs/agents-and-tools.md#images-in-tool-results).
   */
  content: string | Array<TextPart | ImagePart>;
  /** True when the content reports a failure (bad arguments, a throwing tool, a rejection). */
  isError?: boolean;
}

/** Any message in a conversation. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A JSON Schema object, as produced from a Zod schema. */
export type JsonSchema = { [key: string]: unknown };

/** A tool as the model sees it. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments; its root is always `type: "object"`. */
  parameters: JsonSchema;
}

/** How the model may use tools. */
export type ToolChoice = 'auto' | 'none' | 'any' | 'required' | { name: string };

/** Ask for JSON output. `json_schema` is validated by the model server where supported. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JsonSchema; strict?: boolean };

/** Sampling and behaviour settings for one call. Everything is optional; unset means the provider default. */
export interface ModelSettings {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  randomSeed?: number;
  stop?: string[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  /** Predicted output (Mistral `prediction`): the expected text of a whole-file edit, to speed it up. */
  prediction?: string;
  /**
   * Reasoning effort for reasoning models; dropped for models without reasoning. Which values a model takes
   * comes from the catalog: Small 4 and Medium 3.5 take only `none` and `high`, and other values are refused
   * with a `UserInputError` before sending.
   */
  reasoningEffort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
  /**
   * Mistral `prompt_cache_key`: requests with the same key share the prompt cache. The agent sets a stable
   * key per session; set it to override. Ignored by OpenAI-compatible servers that do not know it.
   */
  promptCacheKey?: string;
}

/** One call to a model. */
export interface ModelRequest {
  messages: Message[];
  tools?: ToolSpec[];
  settings?: ModelSettings;
}

/** Token usage as the provider reported it. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Prompt tokens served from the provider's prompt cache, when reported. */
  cachedTokens?: number;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** Facts about the call that are not part of the answer. */
export interface ResponseMeta {
  /** The model id the provider says answered. */
  model: string;
  /** The provider's response id. */
  id?: string;
  /** ISO date from `x-model-deprecation-timestamp`, when the model is deprecated. */
  deprecation?: string;
}

/** The full answer to one call. */
export interface ModelResponse {
  message: AssistantMessage;
  finishReason: FinishReason;
  usage: Usage;
  meta: ResponseMeta;
}

/** One piece of a streamed answer. The last delta is always `finish`, carrying the whole response. */
export type StreamDelta =
  | { type: 'text-delta'; text: string }
  | { type: 'thinking-delta'; text: string }
  | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'finish'; response: ModelResponse };

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call, including retries and backoff. */
  signal?: AbortSignal;
  /** Called before each retry of this call (the error is redacted: no API key in it). */
  onRetry?: (attempt: RetryAttempt) => void;
}

/** What a model can do. Used by the router to fall through to a capable route. */
export interface ModelCapabilities {
  vision: boolean;
  functionCalling: boolean;
  fim: boolean;
  reasoning: boolean;
}

/**
 * Where a model's server is: the host and port of its base URL, nothing else (no path, query or credentials),
 * so it is safe to log. Traces report it as `server.address` / `server.port`.
 */
export interface ModelServer {
  /** Host name or IP address (an IPv6 address without brackets). */
  readonly address: string;
  /** The port, the scheme's default (443, 80) when the URL names none. */
  readonly port: number;
}

/**
 * The seam between the agent loop and a model provider. Implementations: the Mistral adapter, the
 * OpenAI-compatible adapter, and `FakeModel` in `dragoman/testing`.
 */
export interface Model {
  /** The model id sent to the provider, e.g. `mistral-small-latest`. */
  readonly id: string;
  /** Provider name for logs and usage tables, e.g. `mistral` or `openai-compatible`. */
  readonly provider: string;
  /** The server the model is called on, for traces; absent for in-process models. */
  readonly server?: ModelServer;
  /** One complete answer. */
  generate(request: ModelRequest, options?: CallOptions): Promise<ModelResponse>;
  /** A streamed answer: typed deltas, ending with `finish`. */
  stream(request: ModelRequest, options?: CallOptions): AsyncIterable<StreamDelta>;
}

/** Makes a {@link Model} for a model id. `createMistral()` returns one; routes use it to materialize ids. */
export type ModelProvider = (modelId: string) => Model;

/** One entry of a provider's `GET /v1/models`, normalized. Fields the provider did not send are absent. */
export interface RemoteModelInfo {
  id: string;
  aliases: string[];
  /** `max_context_length` (Mistral) or `max_model_len` (vLLM). */
  contextWindow?: number;
  capabilities: Partial<ModelCapabilities>;
  /** ISO date the model is (or was) deprecated, when announced. */
  deprecation?: string;
  /** The id the provider names as its replacement. */
  replacement?: string;
}

/** Something that can list a provider's models (`GET /v1/models`). Both adapters' providers implement it. */
export interface ModelLister {
  listModels(options?: CallOptions): Promise<RemoteModelInfo[]>;
}
