/**
 * Fuzzing tool-call arguments (and names) through the agent loop with FakeModel: whatever the model writes,
 * a tool runs only with arguments its Zod schema accepts, every call gets exactly one answer, and a bad call
 * is a conversation turn (an error result the model reads), never a crash. With the default error budget,
 * the only other outcome is a typed ToolBudgetError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run, stream } from '../../src/agent/index.js';
import { isDragomanError } from '../../src/errors.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/index.js';
import { drain, settle, within } from './support/bounded-time.js';
import { scale } from './support/scale.js';

const RUNS = scale(400, 80);

const schema = z.object({
  city: z.string().min(1),
  days: z.number().int().min(1).max(10),
  units: z.enum(['c', 'f']).optional(),
  tags: z.array(z.string()).max(3).optional(),
});

const validArguments = fc.record(
  {
    city: fc.string({ minLength: 1 }),
    days: fc.integer({ min: 1, max: 10 }),
    units: fc.constantFrom('c', 'f'),
    tags: fc.array(fc.string(), { maxLength: 3 }),
  },
  { requiredKeys: ['city', 'days'] },
);

/** Argument strings: valid, nearly valid, arbitrary JSON, arbitrary text, and cut-off JSON. */
const argumentText = fc.oneof(
  validArguments.map((value) => JSON.stringify(value)),
  fc
    .record({
      city: fc.jsonValue(),
      days: fc.jsonValue(),
      extra: fc.option(fc.jsonValue(), { nil: undefined }),
    })
    .map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '{"__proto__":{"polluted":true},"city":"x","days":1}',
    '{"city":"x","days":1e400}',
  ),
  validArguments.chain((value) => {
    const text = JSON.stringify(value);
    return fc.nat({ max: text.length }).map((cut) => text.slice(0, cut));
  }),
);

/** Tool names: the real one, near misses, object-prototype keys, arbitrary text. */
const toolName = fc.oneof(
  { weight: 4, arbitrary: fc.constant('forecast') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Forecast',
      'FORECAST',
      'forecast ',
      ' forecast',
      'fore\u200bcast',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string() },
);

const calls = fc.array(fc.record({ name: toolName, arguments: argumentText }), {
  minLength: 1,
  maxLength: 5,
});

/** Whether the loop must run the tool for this call. */
function isValidCall(call: { name: string; arguments: string }): boolean {
  if (call.name !== 'forecast') return false;
  let json: unknown;
  try {
    json = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch {
    return false;
  }
  return schema.safeParse(json).success;
}

function forecastAgent(
  model: FakeModel,
  executed: unknown[],
  budget?: { consecutive: number; total: number },
) {
  const forecast = tool({
    description: 'Weather forecast for a city.',
    parameters: schema,
    execute: (args) => {
      // The loop must never hand the tool arguments its schema rejects.
      expect(schema.safeParse(args).success).toBe(true);
      executed.push(args);
      return `sunny in ${args.city}`;
    },
  });
  return defineAgent({
    name: 'fuzz-tools',
    model,
    tools: { forecast },
    ...(budget ? { toolErrorBudget: budget } : {}),
  });
}

describe('fuzzing tool-call arguments through the agent loop', () => {
  it('a tool runs only with schema-valid arguments, and every call gets exactly one result', async () => {
    await fc.assert(
      fc.asyncProperty(calls, fc.boolean(), async (modelCalls, streamed) => {
        const executed: unknown[] = [];
        const model = new FakeModel({ steps: [{ toolCalls: modelCalls }, { text: 'done' }] });
        const agent = forecastAgent(model, executed, { consecutive: 1_000, total: 1_000 });
        const result = await within(
          streamed ? stream(agent, 'Weather?').result() : run(agent, 'Weather?'),
          5_000,
          'the run',
        );
        expect(result.status).toBe('complete');
        expect(result.text).toBe('done');
        const validCount = modelCalls.filter(isValidCall).length;
        expect(executed).toHaveLength(validCount);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        const toolMessages = result.newMessages.filter((message) => message.role === 'tool');
        expect(toolMessages).toHaveLength(modelCalls.length);
        const assistant = result.newMessages.find(
          (message) => message.role === 'assistant' && message.toolCalls,
        );
        const ids = assistant?.role === 'assistant' ? (assistant.toolCalls ?? []).map((call) => call.id) : [];
        expect(toolMessages.map((message) => (message.role === 'tool' ? message.toolCallId : ''))).toEqual(
          ids,
        );
        modelCalls.forEach((call, index) => {
          const answer = toolMessages[index];
          expect(answer?.role === 'tool' && answer.isError === true).toBe(!isValidCall(call));
        });
        // The model saw every result on the next step.
        expect(model.requests[1]?.messages.filter((message) => message.role === 'tool')).toHaveLength(
          modelCalls.length,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('with the default error budget the run completes or ends with a typed ToolBudgetError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(calls, { minLength: 1, maxLength: 4 }), async (steps) => {
        const executed: unknown[] = [];
        const model = new FakeModel({
          steps: [...steps.map((toolCalls) => ({ toolCalls })), { text: 'done' }],
        });
        const agent = forecastAgent(model, executed);
        const error = await settle(within(drain(stream(agent, 'Weather?')), 5_000, 'the run'));
        if (error !== undefined) {
          expect(isDragomanError(error)).toBe(true);
          expect((error as { code: string }).code).toBe('tool-budget');
        }
      }),
      { numRuns: RUNS },
    );
  });
});
