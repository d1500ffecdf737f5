import type { ContextTrimReport } from '../context/types.js';
import type { UsageCost } from '../models/catalog/cost.js';
import type { ModelDeprecationWarning } from '../models/catalog/index.js';
import type { FinishReason, Usage } from '../models/types.js';
import type { ModelSubstitution, RouteDecision } from '../routing/types.js';

/**
 * dragoman's extras as AI SDK data parts, keyed by name: the chunk type is `data-<name>`, so a `useChat`
 * message typed with {@link DragomanUIMessage} sees `data-route`, `data-step`, ... with these payloads.
 */
// A type alias, not an interface, so it fits the AI SDK's `Record<string, unknown>` constraint on data types.
export type DragomanDataParts = {
  /** The router's choice for one step (before its model call). */
  route: { step: number } & RouteDecision;
  /** A retired model was replaced by its successor. */
  'model-substituted': { step: number } & ModelSubstitution;
  /** The provider says the model that answered is deprecated. */
  'model-deprecated': { step: number } & ModelDeprecationWarning;
  /** The context manager dropped, shortened or summarized messages to fit the window. */
  'context-trim': { step: number } & ContextTrimReport;
  /** A model call failed and is retried after `delayMs`; `error` says why (no secrets). */
  'model-retry': { step: number; model: string; retry: number; delayMs: number; error: string };
  /** A running tool reported progress; the part's id is the tool call id, so each update replaces the last. */
  'tool-progress': { step: number; toolCallId: string; toolName: string; message: string; fraction?: number };
  /** One model call ended: which model and route answered, and what it used. */
  step: {
    step: number;
    model: string;
    route: string | undefined;
    finishReason: FinishReason;
    usage: Usage;
    toolCalls: number;
    durationMs: number;
  };
};

/** The name of one of dragoman's data parts (`route`, `step`, ...). */
export type DragomanDataPartName = keyof DragomanDataParts;

/** A data chunk of the stream: `{ type: 'data-route', id, data }`, ... */
export type DragomanDataChunk = {
  [Name in DragomanDataPartName]: { type: `data-${Name}`; id: string; data: DragomanDataParts[Name] };
}[DragomanDataPartName];

/** The message metadata dragoman sends on `start` (run id, agent) and on `finish` (the run's outcome). */
export interface DragomanMessageMetadata {
  runId: string;
  agent: string;
  /** Set on `finish`: how the run ended. */
  status?: 'complete' | 'stopped' | 'pending-approval';
  /** Set on `finish`: the route and model of the last step. */
  route?: string | undefined;
  model?: string;
  /** Set on `finish`: the run's token usage in total, and its estimated cost at the agent's prices. */
  usage?: Usage;
  cost?: UsageCost;
  steps?: number;
  durationMs?: number;
}

/**
 * The chunks dragoman writes, a subset of the AI SDK UI message stream protocol (v1, the
 * `x-vercel-ai-ui-message-stream: v1` header): the same shapes as the `ai` package's `UIMessageChunk`.
 */
export type UIMessageChunk =
  | { type: 'start'; messageId?: string; messageMetadata?: DragomanMessageMetadata }
  | { type: 'start-step' }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'tool-input-available'; toolCallId: string; toolName: string; input: unknown }
  | { type: 'tool-approval-request'; approvalId: string; toolCallId: string }
  | { type: 'tool-output-available'; toolCallId: string; output: unknown }
  | { type: 'tool-output-error'; toolCallId: string; errorText: string }
  | { type: 'tool-output-denied'; toolCallId: string }
  | DragomanDataChunk
  | { type: 'finish-step' }
  | {
      type: 'finish';
      finishReason?: 'stop' | 'tool-calls' | 'error';
      messageMetadata?: DragomanMessageMetadata;
    }
  | { type: 'error'; errorText: string }
  | { type: 'abort'; reason?: string };

/** A part of a UI message as the browser sends it back (the fields dragoman reads; others are ignored). */
export interface UIMessagePartInput {
  type: string;
  text?: string;
  /** File parts: `image/png`, ... */
  mediaType?: string;
  url?: string;
  /** Tool parts (`tool-<name>` or `dynamic-tool`). */
  toolCallId?: string;
  toolName?: string;
  state?: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  approval?: { id: string; approved?: boolean; reason?: string };
}

/** A UI message as `useChat` sends it in the request body. */
export interface UIMessageInput {
  id: string;
  role: 'system' | 'user' | 'assistant';
  parts: UIMessagePartInput[];
  metadata?: unknown;
}

/**
 * The request body `useChat` (its default HTTP transport) posts: the chat id, every message of the chat,
 * and why it was sent. Extra fields the UI adds with `body` are kept in `extra`-free form on the object.
 */
export interface ChatRequestBody {
  /** The chat id, `useChat({ id })`; dragoman's default session id. */
  id?: string;
  messages: UIMessageInput[];
  trigger?: 'submit-message' | 'regenerate-message';
  messageId?: string;
  [field: string]: unknown;
}
