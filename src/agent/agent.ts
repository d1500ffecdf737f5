import type { FitContextOptions } from '../context/index.js';
import type { MemoryStore } from '../memory/index.js';
import type { PriceTable } from '../models/catalog/prices.js';
import type { Model, ModelSettings, ResponseFormat, ToolSpec } from '../models/types.js';
import type { Router } from '../routing/types.js';
import type { InferSchemaOutput, ToolSchema, ToolSet } from '../tools/types.js';
import type { AgentEventEmitter } from './events.js';
import type { OutputTool } from './output-tool.js';

/** How the loop fits the conversation into the model's window. */
export interface AgentContextOptions extends Omit<FitContextOptions, 'summary'> {
  /** Overrides the model's context window (tokens), e.g. for a self-hosted server started with a smaller one. */
  contextWindow?: number;
  /** Tokens kept free for the answer when `settings.maxTokens` is unset. @default 4096 */
  reserveOutput?: number;
}

/** How many failed tool calls a run tolerates before it throws a `ToolBudgetError`. */
export interface ToolErrorBudget {
  /** Failed calls in a row (a successful call resets it). @default 3 */
  consecutive: number;
  /** Failed calls in the whole run. @default 5 */
  total: number;
}

/** Exactly one of `model` (one fixed model) or `router` (a model per turn). */
export type ModelOrRouter =
  | {
      /** One model for every step. */
      model: Model;
      router?: undefined;
    }
  | {
      model?: undefined;
      /** Chooses a model per step (Arabic, code, general routes). */
      router: Router;
    };

/**
 * What {@link defineAgent} takes: the settings below plus exactly one of `model` (one fixed model) or
 * `router` (a model per turn); giving neither or both is a compile error.
 */
export type AgentConfig<Tools extends ToolSet, Schema extends ToolSchema | undefined> = AgentSettings<
  Tools,
  Schema
> &
  ModelOrRouter;

/** The settings of {@link AgentConfig} besides the model or router. */
export interface AgentSettings<Tools extends ToolSet, Schema extends ToolSchema | undefined> {
  /** A name for logs, events and the structured-output schema name. */
  name: string;
  /** The system message sent before the conversation. */
  instructions?: string;
  /** The tools the model may call, keyed by name. */
  tools?: Tools;
  /** Where sessions live; needed for `run(agent, input, { session })`. */
  memory?: MemoryStore;
  /** Context-window fitting options. */
  context?: AgentContextOptions;
  /** Model calls per run before a `MaxStepsError`. @default 10 */
  maxSteps?: number;
  /**
   * A Zod schema for the final answer, typed as `result.output`. Without tools it is sent as a `json_schema`
   * response format and the answer text is parsed; with tools (La Plateforme rejects `json_schema` together
   * with tools) the model answers by calling an extra `final_answer` tool whose parameters are this schema.
   * See docs/agents-and-tools.md, "Structured output".
   */
  output?: Schema;
  /** Default model settings for every call. */
  settings?: Omit<ModelSettings, 'responseFormat'>;
  /** Tool calls of one step run at most this many at a time. @default 4 */
  toolConcurrency?: number;
  /** Default per-call tool timeout in milliseconds (a tool's own `timeoutMs` wins). @default 60000 */
  toolTimeoutMs?: number;
  /**
   * Longest the loop waits on a model without receiving anything (a stream delta, a retry notice, or the
   * whole answer of a non-streamed call), in milliseconds. Past it the call is aborted and the run fails with
   * a retryable `ConnectionError` (code `timeout`); nothing of the turn is stored. It covers every `Model`,
   * custom ones included; the built-in adapters' own limits (`timeoutMs`, `limits.idleTimeoutMs`, 60 s)
   * fire first. Raise it with them for slow non-streamed answers. `0` or `Infinity` turns it off.
   * @default 120000
   */
  modelIdleTimeoutMs?: number;
  /** Characters of tool output kept before truncation. @default 20000 */
  toolOutputLimit?: number;
  /** Failed tool calls tolerated per run. @default { consecutive: 3, total: 5 } */
  toolErrorBudget?: Partial<ToolErrorBudget>;
  /** Tool calls one model reply may ask for; a reply with more fails the run before any runs. @default 64 */
  maxToolCallsPerStep?: number;
  /** Bytes of tool arguments (all calls of one reply together) before the run fails unrun. @default 1_048_576 */
  maxToolArgumentBytes?: number;
  /**
   * Prices for `result.usage.cost`, keyed by model id. Spread the defaults to change a few:
   * `{ ...DEFAULT_PRICES, 'my-model': price }`. @default DEFAULT_PRICES (Mistral list prices)
   */
  prices?: PriceTable;
}

/** The parsed type of an agent's output: the schema's type, or `string` (the final text) without one. */
export type OutputOf<Schema> = Schema extends ToolSchema ? InferSchemaOutput<Schema> : string;

/** An agent: frozen configuration plus the typed event emitter observers subscribe to. */
export interface Agent<Tools extends ToolSet = ToolSet, Output = string> {
  readonly name: string;
  readonly instructions: string | undefined;
  readonly tools: Tools;
  readonly model: Model | undefined;
  readonly router: Router | undefined;
  readonly memory: MemoryStore | undefined;
  readonly context: Readonly<AgentContextOptions>;
  readonly maxSteps: number;
  readonly output: ToolSchema<Output> | undefined;
  readonly settings: Readonly<ModelSettings>;
  readonly toolConcurrency: number;
  readonly toolTimeoutMs: number;
  /** Longest silence of a model call, in ms (0: none); see `AgentSettings.modelIdleTimeoutMs`. */
  readonly modelIdleTimeoutMs: number;
  readonly toolOutputLimit: number;
  readonly toolErrorBudget: Readonly<ToolErrorBudget>;
  readonly maxToolCallsPerStep: number;
  readonly maxToolArgumentBytes: number;
  /** The prices `result.usage.cost` is computed with. */
  readonly prices: PriceTable;
  /** The tools as the model sees them, converted once; the output tool (last) included when there is one. */
  readonly toolSpecs: readonly ToolSpec[];
  /** The `json_schema` response format derived from `output`, sent on every step: only without tools. */
  readonly responseFormat: ResponseFormat | undefined;
  /** The `final_answer` tool an agent with both `tools` and `output` answers through (see `OutputTool`). */
  readonly outputTool: OutputTool | undefined;
  /** Every event of every run of this agent. A throwing listener becomes a `listener-error` event. */
  readonly events: AgentEventEmitter<Tools>;
}

/** The tools type of an agent. */
export type AgentTools<A> = A extends Agent<infer Tools, infer _Output> ? Tools : never;

/** The output type of an agent. */
export type AgentOutput<A> = A extends Agent<infer _Tools, infer Output> ? Output : never;
