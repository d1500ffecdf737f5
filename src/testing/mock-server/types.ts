import type { RemoteModelInfo, Usage } from '../../models/types.js';

/** One message of a Mistral chat request body, as it arrives on the wire (loosely typed: it is input). */
export interface MockWireMessage {
  role: string;
  content?: unknown;
  tool_calls?: Array<{
    id?: string;
    type?: string;
    function?: { name?: string; arguments?: unknown };
  }> | null;
  tool_call_id?: string | null;
  name?: string | null;
  prefix?: boolean;
  [field: string]: unknown;
}

/** A request body sent to `/v1/chat/completions` or `/v1/fim/completions`, parsed from JSON. */
export interface MockRequestBody {
  model?: string;
  messages?: MockWireMessage[];
  prompt?: string;
  suffix?: string | null;
  stream?: boolean;
  tools?: unknown[] | null;
  [field: string]: unknown;
}

/** What a reply function receives: the parsed body plus where it came from. */
export interface MockChatRequest {
  /** `chat` for `/v1/chat/completions`, `fim` for `/v1/fim/completions`. */
  kind: 'chat' | 'fim';
  path: string;
  body: MockRequestBody;
  /** Whether the client asked for SSE (`stream: true`). */
  stream: boolean;
  /** Position of this request among all requests the server received (0-based). */
  index: number;
}

/** A tool call the mock model makes. `arguments` objects are serialised to a JSON string. */
export interface MockToolCall {
  name: string;
  arguments: string | Record<string, unknown>;
  /** @default a random 9-character [A-Za-z0-9] id, as Mistral sends */
  id?: string;
}

/** A scripted model answer; the server turns it into a chat.completion body or an SSE stream. */
export interface MockReply {
  text?: string;
  /** Reasoning text, sent as `thinking` content chunks before the text. */
  thinking?: string;
  toolCalls?: MockToolCall[];
  /** Overrides the computed usage numbers. */
  usage?: Partial<Usage>;
  /** Wire finish reason. @default 'tool_calls' with tool calls, else 'stop' */
  finishReason?: 'stop' | 'length' | 'tool_calls' | 'model_length' | 'error';
  /**
   * How tool calls stream: `whole` sends each call complete in one delta, as Mistral's own models do;
   * `fragments` sends an id/name fragment then argument pieces keyed by `index`, as third-party models
   * served by the API do. @default 'whole'
   */
  toolCallStyle?: 'whole' | 'fragments';
  /** Characters per streamed text (and argument) piece. @default word by word */
  chunkSize?: number;
  /** Model id in the answer. @default the requested model */
  model?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Wait this long between stream frames (to test aborts mid-stream). @default 0 */
  chunkDelayMs?: number;
}

/** A raw HTTP answer, sent as is (an object body is serialised to JSON). */
export interface MockRawReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Decides the answer to each valid chat or FIM request. */
export type MockReplyFunction = (
  request: MockChatRequest,
) => MockReply | MockRawReply | Promise<MockReply | MockRawReply>;

/**
 * A one-shot fault. Queued faults are consumed in order, one per request, by the next requests.
 * - `status`: answer with this status and a recorded error body (429, 401, 404) or a minimal one (5xx).
 * - `slow-first-byte`: wait before sending anything, then answer normally.
 * - `cut-mid-stream`: destroy the socket after this many SSE chunks (or halfway through a JSON body).
 * - `malformed-json` / `truncated-json`: a 200 whose JSON (or one SSE chunk's JSON) is broken / cut short.
 * - `malformed-sse`: a 200 event stream with broken framing.
 * - `empty-body`: a 200 with no body. `wrong-content-type`: a 200 HTML page. `no-usage`: a 200 without usage.
 *
 * Every request consumes one queued fault, whatever its path. `status` and `slow-first-byte` apply to every
 * path; the body faults apply to completions and to `GET /v1/models` (where `no-usage` changes nothing).
 */
export type MockFault =
  | { type: 'status'; status: number; body?: unknown; retryAfter?: number | string }
  | { type: 'slow-first-byte'; delayMs: number }
  | { type: 'cut-mid-stream'; afterChunks: number }
  | { type: 'malformed-json' }
  | { type: 'truncated-json' }
  | { type: 'malformed-sse' }
  | { type: 'empty-body' }
  | { type: 'wrong-content-type' }
  | { type: 'no-usage' };

/** A model the mock server knows: a {@link RemoteModelInfo} plus whether it has been retired. */
export interface MockModelInfo extends RemoteModelInfo {
  /** Retired models are listed by GET /v1/models but every completion request for them answers 400 `invalid_model`. */
  retired?: boolean;
  /**
   * The `reasoning_effort` values the model takes; any other value (or any value, when empty) answers 400 code
   * 3051. @default [] (no adjustable reasoning)
   */
  reasoningEfforts?: readonly string[];
}

/** A request the server received, recorded for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string without its `?`, present only when the request had one. */
  query?: string;
  /** Lower-case header names; `authorization` is redacted. */
  headers: Record<string, string>;
  /** The parsed JSON body, `undefined` when there was none, or the raw text when it was not JSON. */
  body: unknown;
}
