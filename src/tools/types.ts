/**
 * The shapes of tools: a schema-typed `execute`, the context it receives, and the record of tools an agent
 * offers. Types only; `tool()` exists so TypeScript infers `execute`'s argument type from `parameters`.
 * @module
 */

/**
 * A Zod schema (Zod 4, or Zod 3.24+), seen through the Standard Schema `types` both versions carry, so the
 * argument type can be inferred without importing either version's types.
 */
export interface ToolSchema<Output = unknown> {
  readonly '~standard': {
    readonly vendor: string;
    readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
  };
}

/** The parsed argument type of a schema: `z.infer<typeof schema>`. */
export type InferSchemaOutput<Schema> = Schema extends {
  readonly '~standard': { readonly types?: infer Types };
}
  ? NonNullable<Types> extends { readonly output: infer Output }
    ? Output
    : never
  : never;

/** What every `execute` (and `needsApproval` function) receives besides its arguments. */
export interface ToolContext<Context = unknown> {
  /** Aborts when the run is aborted or the tool's timeout passes. Pass it to `fetch` and friends. */
  signal: AbortSignal;
  /** The run's session id, when the run has one. */
  sessionId: string | undefined;
  /** The typed user context from the run options (`run(agent, input, { context })`). */
  context: Context;
  /** The id of the call being answered (9 characters on Mistral). */
  toolCallId: string;
  /** The tool's name, as the model called it. */
  toolName: string;
  /** The agent's name. */
  agentName: string;
  /**
   * Reports progress on long work; the run emits it as a `tool-progress` event (a UI can show it). Calls
   * after the tool finished are ignored. Throws a `UserInputError` for a `fraction` outside 0..1.
   * @example
   * context.reportProgress({ message: `Indexed ${done} of ${total} files`, fraction: done / total });
   */
  reportProgress(progress: ToolProgress): void;
  /** The run's id (set whenever the tool runs inside a run). */
  runId?: string;
  /**
   * `<runId>:<toolCallId>`, set inside a run: the same for every execution of this call (a resumed or
   * retried run with a stable `runId`). Pass it to services that deduplicate requests (payments, emails).
   */
  idempotencyKey?: string;
}

/** What a tool reports while it works. */
export interface ToolProgress {
  /** What the tool is doing, for people: "Running npm test", "Fetched 3 of 10 pages". */
  message: string;
  /** How far along it is, from 0 to 1, when the tool knows. */
  fraction?: number;
}

// A method-shaped function type: methods are checked bivariantly, so a tool with specific argument and
// context types is still assignable to the general `Tool` that `ToolSet` constrains to.
type Bivariant<Parameters extends unknown[], Result> = {
  bivarianceHack(...parameters: Parameters): Result;
}['bivarianceHack'];

/** Decides per call whether a human must approve it first. */
export type ApprovalPredicate<Args, Context> = Bivariant<
  [args: Args, context: ToolContext<Context>],
  boolean | Promise<boolean>
>;

/** A tool the model can call: a description, a Zod schema for its arguments, and the function to run. */
export interface Tool<Args = unknown, Context = unknown, Result = unknown> {
  /** What the tool does and when to use it; the model reads this. */
  readonly description: string;
  /** The Zod object schema of the arguments. Its root must be an object (Mistral's rule). */
  readonly parameters: ToolSchema<Args>;
  /** Runs the tool. Its return value is sent back to the model (strings as they are, the rest as JSON). */
  execute(args: Args, context: ToolContext<Context>): Result | Promise<Result>;
  /** Pause the run for a human decision before running: always, or per call. @default false */
  readonly needsApproval?: boolean | ApprovalPredicate<Args, Context>;
  /** Milliseconds before the call is abandoned and reported to the model as timed out. */
  readonly timeoutMs?: number;
  /** End the run after this tool ran successfully, without asking the model again. @default false */
  readonly endsRun?: boolean;
}

/** An agent's tools, keyed by the name the model calls them by. */
export type ToolSet = Record<string, Tool>;

/** The user context type the tools of a set expect (`unknown` when none declares one). */
export type ToolSetContext<Tools extends ToolSet> = [DeclaredContexts<Tools>] extends [never]
  ? unknown
  : UnionToIntersection<DeclaredContexts<Tools>>;

// The context types the tools declare; tools that declare none (`unknown`) drop out of the union, where
// `unknown` would otherwise swallow every other member.
type DeclaredContexts<Tools extends ToolSet> = {
  [Name in keyof Tools]: Tools[Name] extends {
    execute(args: never, context: ToolContext<infer Context>): unknown;
  }
    ? unknown extends Context
      ? never
      : Context
    : never;
}[keyof Tools];

type UnionToIntersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (
  value: infer Intersection,
) => void
  ? Intersection
  : never;
