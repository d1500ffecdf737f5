import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as z3 from 'zod/v3';
import { tool } from '../../src/tools/tool.js';
import type { InferSchemaOutput, Tool, ToolContext, ToolSet, ToolSetContext } from '../../src/tools/types.js';

describe('tool() inference', () => {
  it('types execute arguments from a Zod 4 schema, defaults applied', () => {
    const weather = tool({
      description: 'Weather.',
      parameters: z.object({
        city: z.string(),
        days: z.number().default(1),
        unit: z.enum(['c', 'f']).optional(),
      }),
      execute: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ city: string; days: number; unit?: 'c' | 'f' | undefined }>();
        return { temperature: 21 };
      },
    });
    expectTypeOf(weather).toExtend<Tool<{ city: string; days: number; unit?: 'c' | 'f' | undefined }>>();
  });

  it('types execute arguments from a Zod 3 schema', () => {
    tool({
      description: 'Legacy.',
      parameters: z3.z.object({ n: z3.z.number(), tags: z3.z.array(z3.z.string()) }),
      execute: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ n: number; tags: string[] }>();
      },
    });
  });

  it('types needsApproval functions with the same arguments', () => {
    tool({
      description: 'Transfer.',
      parameters: z.object({ amount: z.number() }),
      needsApproval: (args, context) => {
        expectTypeOf(args).toEqualTypeOf<{ amount: number }>();
        expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
        return args.amount > 100;
      },
      execute: () => 'ok',
    });
  });

  it('infers the context type a tool declares, and unknown when it declares none', () => {
    const scoped = tool({
      description: 'Scoped.',
      parameters: z.object({}),
      execute: (_args, { context }: ToolContext<{ userId: string }>) => context.userId,
    });
    const plain = tool({ description: 'Plain.', parameters: z.object({}), execute: () => 1 });
    expectTypeOf<ToolSetContext<{ scoped: typeof scoped; plain: typeof plain }>>().toEqualTypeOf<{
      userId: string;
    }>();
    expectTypeOf<ToolSetContext<{ plain: typeof plain }>>().toBeUnknown();
    expectTypeOf({ scoped, plain }).toExtend<ToolSet>();
  });

  it('exposes z.infer through InferSchemaOutput', () => {
    const schema = z.object({ q: z.string() });
    expectTypeOf<InferSchemaOutput<typeof schema>>().toEqualTypeOf<z.infer<typeof schema>>();
  });

  it('rejects a schema that is not a Zod schema', () => {
    // @ts-expect-error parameters must be a schema
    tool({ description: 'x', parameters: { type: 'object' }, execute: () => 1 });
  });
});
