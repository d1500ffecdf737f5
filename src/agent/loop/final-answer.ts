import type { ToolCall, ToolMessage } from '../../models/types.js';
import { parseToolArguments } from '../../tools/parse-arguments.js';
import type { ToolSchema } from '../../tools/types.js';
import { readFinalAnswer } from '../output-tool.js';
import type { StepRecord, ToolCallRecord } from '../types.js';
import type { ActiveRun } from './phases.js';

/** The run's output and text, from a reply's output tool call. */
export interface GivenAnswer {
  output: unknown;
  /** The answer's JSON as the model sent it: the run's `text`. */
  text: string;
}

/**
 * Ends a step whose reply called the output tool with a valid answer (the first such call wins), or returns
 * `undefined` when no call did (then a bad answer goes back to the model as a tool error, see `parseCalls`).
 * Every call of the reply is answered by exactly one tool message, so the stored turn stays valid for the
 * next request: the answer with a short receipt, the other calls with a "not executed" error. The other
 * calls do not run: the model gave its final answer, nothing would read their results, and a tool with side
 * effects must not act after the run's answer was fixed. They are in the step's record (not run, `isError`)
 * but emit no tool-call events; the output tool itself is never a tool-call event.
 */
export async function finalAnswerOf(
  run: ActiveRun,
  record: StepRecord,
  toolCalls: readonly ToolCall[],
): Promise<GivenAnswer | undefined> {
  const { agent, progress } = run;
  const { outputTool } = agent;
  if (outputTool === undefined) return undefined;
  let given: (GivenAnswer & { call: ToolCall }) | undefined;
  for (const call of toolCalls) {
    if (call.name !== outputTool.name) continue;
    const answer = await readFinalAnswer(outputTool, agent.output as ToolSchema, call);
    if (answer.ok) {
      given = { call, output: answer.output, text: answer.text };
      break;
    }
  }
  if (given === undefined) return undefined;
  for (const call of toolCalls) {
    const ours = call.name === outputTool.name;
    const content =
      call === given.call
        ? 'Final answer received.'
        : ours
          ? 'Not used: another final answer of this reply was taken.'
          : `Not executed: the final answer was given in the same reply, so the run ended before "${call.name}" ran.`;
    const message: ToolMessage = { role: 'tool', toolCallId: call.id, name: call.name, content };
    if (call !== given.call) message.isError = true;
    progress.newMessages.push(message);
    if (!ours) record.toolCalls.push(await notRun(run, call, content));
  }
  return { output: given.output, text: given.text };
}

async function notRun(run: ActiveRun, call: ToolCall, result: string): Promise<ToolCallRecord> {
  const parsed = await parseToolArguments(call, run.agent.tools);
  const described = parsed.ok
    ? { toolName: call.name, valid: true as const, args: parsed.args }
    : { toolName: call.name, valid: false as const, args: parsed.args ?? call.arguments };
  return { toolCallId: call.id, ...described, result, isError: true, durationMs: 0 } as ToolCallRecord;
}
