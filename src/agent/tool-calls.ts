import type { InferSchemaOutput, ToolSet } from '../tools/types.js';

/** The names of a tool set's tools. */
export type ToolNameOf<Tools extends ToolSet> = keyof Tools & string;

/** The validated argument type of the tool `Name` of a set: its schema's output. */
export type ToolArgsOf<Tools extends ToolSet, Name extends keyof Tools> = InferSchemaOutput<
  Tools[Name]['parameters']
>;

/** What the tool `Name` of a set returns from `execute`, awaited. */
export type ToolOutputOf<Tools extends ToolSet, Name extends keyof Tools> = Tools[Name] extends {
  execute(...parameters: never[]): infer Result;
}
  ? Awaited<Result>
  : never;

/**
 * A call of one of the agent's tools, one union member per tool: checking `toolName` narrows `args`
 * to that tool's input.
 */
// The conditional makes TypeScript compare these types structurally instead of by measured variance, which
// `keyof` would make contravariant: an agent's typed results must still pass where any result is expected.
export type ToolInvocation<Tools extends ToolSet = ToolSet> = Tools extends ToolSet
  ? { [Name in ToolNameOf<Tools>]: { toolName: Name; args: ToolArgsOf<Tools, Name> } }[ToolNameOf<Tools>]
  : never;

/** A call whose tool exists and whose arguments passed its schema (`valid: true`). */
export type ValidToolCall<Tools extends ToolSet = ToolSet> = ToolInvocation<Tools> & { valid: true };

/**
 * A call the model got wrong (`valid: false`): a tool the agent does not have, arguments that are not JSON,
 * or arguments that fail the schema. It did not run; the model read why and may call again.
 */
export interface InvalidToolCall {
  /** The name as the model sent it, which may not be one of the agent's tools. */
  toolName: string;
  valid: false;
  /** The arguments as parsed JSON, or the raw string when they were not valid JSON. */
  args: unknown;
}

/** A tool call as events and records describe it: narrow on `valid`, then on `toolName`. */
export type ToolCallOf<Tools extends ToolSet = ToolSet> = ValidToolCall<Tools> | InvalidToolCall;

/**
 * How a tool call ended, one union member per tool and outcome: with `isError: false`, `toolName` narrows
 * `output` to what that tool's `execute` returned.
 */
export type ToolCallOutcome<Tools extends ToolSet = ToolSet> =
  | ToolSuccess<Tools>
  | (ValidToolCall<Tools> & { isError: true; output: undefined })
  | (InvalidToolCall & { isError: true; output: undefined });

/** A call that ran and returned, one union member per tool (conditional for the reason given above). */
type ToolSuccess<Tools extends ToolSet> = Tools extends ToolSet
  ? {
      [Name in ToolNameOf<Tools>]: {
        toolName: Name;
        valid: true;
        args: ToolArgsOf<Tools, Name>;
        isError: false;
        /** What `execute` returned, before it was turned into the text the model reads. */
        output: ToolOutputOf<Tools, Name>;
      };
    }[ToolNameOf<Tools>]
  : never;
