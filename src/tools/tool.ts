import type { ApprovalPredicate, InferSchemaOutput, Tool, ToolContext, ToolSchema } from './types.js';

/**
 * A Zod schema whose parsed value is an object: Mistral needs a tool's parameters to be a JSON object, so
 * `parameters: z.string()` is a compile error. (An array is an object to TypeScript; `defineAgent` rejects an
 * array root, and any non-object root from plain JavaScript, with a `UserInputError`.)
 */
export type ObjectSchema = ToolSchema<object>;

/** What {@link tool} takes: a tool whose `execute` argument type comes from `parameters`. */
export interface ToolDefinition<Schema extends ObjectSchema, Context, Result> {
  description: string;
  parameters: Schema;
  execute(args: InferSchemaOutput<Schema>, context: ToolContext<Context>): Result | Promise<Result>;
  needsApproval?: boolean | ApprovalPredicate<InferSchemaOutput<Schema>, Context>;
  timeoutMs?: number;
  endsRun?: boolean;
}

/**
 * Declares a tool. It returns its argument unchanged; it exists so TypeScript infers `execute`'s argument
 * type from the Zod schema in `parameters`. Annotate `execute`'s second parameter as
 * `ToolContext<YourContext>` to require a typed `context` in the run options.
 * @example
 * const add = tool({
 *   description: 'Add two numbers.',
 *   parameters: z.object({ a: z.number(), b: z.number() }),
 *   execute: ({ a, b }) => a + b,
 * });
 */
export function tool<Schema extends ObjectSchema, Context = unknown, Result = unknown>(
  definition: ToolDefinition<Schema, Context, Result>,
): Tool<InferSchemaOutput<Schema>, Context, Result> {
  // `Schema` is a ToolSchema whose output is InferSchemaOutput<Schema>; TypeScript cannot see that through
  // the conditional type, so the identity needs a cast.
  return definition as unknown as Tool<InferSchemaOutput<Schema>, Context, Result>;
}
