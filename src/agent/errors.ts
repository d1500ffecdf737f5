import { DragomanError } from '../errors.js';
import type { PartialRunResult } from './types.js';

/**
 * The run used all its steps and the model still wanted to call tools. `result` holds everything the run
 * produced up to then (nothing was committed to memory).
 */
export class MaxStepsError extends DragomanError {
  override name = 'MaxStepsError' as const;
  constructor(
    readonly maxSteps: number,
    readonly result: PartialRunResult,
  ) {
    super('max-steps', `The run reached maxSteps (${maxSteps}) while the model was still calling tools.`, {
      hint: 'Raise maxSteps on the agent or in the run options, or make the instructions ask for a final answer sooner.',
    });
  }
}

/**
 * The model kept making bad tool calls (invalid JSON, wrong arguments, unknown tools, failing tools) past the
 * run's budget. `lastError` is the last message the model was shown.
 */
export class ToolBudgetError extends DragomanError {
  override name = 'ToolBudgetError' as const;
  constructor(
    readonly failures: { consecutive: number; total: number },
    readonly lastError: string,
    readonly result: PartialRunResult,
  ) {
    super(
      'tool-budget',
      `The run stopped after ${failures.consecutive} consecutive and ${failures.total} total failed tool calls. Last: ${lastError}`,
      { hint: 'Check the tool descriptions and schemas, or raise toolErrorBudget on the agent.' },
    );
  }
}

/**
 * The model's final answer did not parse as the agent's `output` schema. `text` is the raw answer and
 * `issues` the readable reason (invalid JSON, or the prettified Zod error).
 */
export class OutputParseError extends DragomanError {
  override name = 'OutputParseError' as const;
  constructor(
    readonly text: string,
    readonly issues: string,
    readonly result: PartialRunResult,
  ) {
    super('output-parse', `The final answer does not match the agent's output schema: ${issues}`, {
      hint: 'Describe the expected fields in the instructions or the schema (.describe()), or use a stronger model.',
    });
  }
}

/**
 * One model reply asked for more tool calls, or more argument bytes, than the agent allows in a step
 * (`maxToolCallsPerStep`, `maxToolArgumentBytes`). No tool of that reply ran and nothing was committed.
 */
export class StepLimitError extends DragomanError {
  override name = 'StepLimitError' as const;
  constructor(
    readonly limit: 'calls' | 'argument-bytes',
    readonly actual: number,
    readonly allowed: number,
    readonly result: PartialRunResult,
  ) {
    const what = limit === 'calls' ? 'tool calls' : 'bytes of tool arguments';
    const option = limit === 'calls' ? 'maxToolCallsPerStep' : 'maxToolArgumentBytes';
    super(
      'tool-budget',
      `The model asked for ${actual.toLocaleString('en')} ${what} in one step; the limit is ${allowed.toLocaleString('en')}. No tool ran.`,
      {
        hint: `Raise ${option} on the agent if this is expected, or ask the model for fewer, smaller calls.`,
      },
    );
  }
}
