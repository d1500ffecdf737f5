import type { ToolMessage } from '../models/types.js';
import { executeTool, type ToolOutcome } from '../tools/execute-tool.js';
import type { ParsedToolCall, RejectedToolCall } from '../tools/parse-arguments.js';
import { rejectedCallText } from '../tools/rejected-call-text.js';
import { toolMessageContent } from '../tools/tool-content.js';
import { truncateToolOutput } from '../tools/tool-output.js';
import type { ToolProgress, ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import type { CallScope } from './call-scope.js';
import { completions } from './completions.js';
import type { AgentEvent } from './events.js';
import { Notices } from './notices.js';
import type { ToolCallOf, ToolCallOutcome } from './tool-calls.js';
import type { ApprovalDecision, ToolCallRecord } from './types.js';

/** What running one step's tool calls needs. */
export interface ToolStepInput {
  agent: Agent<ToolSet, unknown>;
  calls: ReadonlyArray<ParsedToolCall | RejectedToolCall>;
  /** Decisions for the calls that needed approval, by tool call id. */
  decisions: ReadonlyMap<string, ApprovalDecision>;
  /** The run's signal. */
  signal: AbortSignal;
  sessionId: string | undefined;
  context: unknown;
  runId: string;
  step: number;
  /** The run's call scope (from its listeners), if any: each tool call runs inside it. */
  scope: CallScope | undefined;
}

/** The step's results, in call order. */
export interface ToolStepResult {
  records: ToolCallRecord[];
  messages: ToolMessage[];
  /** Per call: true when it counts against the error budget (bad call, failing tool), false on success. */
  failed: boolean[];
  /** The result text of the first successful call of a tool with `endsRun`, if any. */
  endedWith: string | undefined;
}

/**
 * Runs a step's tool calls: `tool-call-start` for each in call order, the valid and approved ones
 * concurrently (bounded by `toolConcurrency`), and `tool-call-end` for each as soon as it finishes (so in
 * completion order). Bad calls and rejections become results the model can read; exactly one tool message
 * answers each call, and the returned messages and records keep call order.
 */
export async function* toolStep(input: ToolStepInput): AsyncGenerator<AgentEvent, ToolStepResult> {
  const { agent, calls, decisions, runId, step } = input;
  const base = { runId, agent: agent.name, step };
  const progress = new Notices<AgentEvent>();
  for (const parsed of calls) {
    yield { type: 'tool-call-start', ...base, toolCallId: parsed.call.id, ...callOf(parsed) };
  }
  const timed = async (parsed: ParsedToolCall | RejectedToolCall): Promise<TimedOutcome> => {
    const started = performance.now();
    const call = () =>
      runOne(parsed, input, (report) =>
        progress.push({
          type: 'tool-progress',
          ...base,
          toolCallId: parsed.call.id,
          toolName: parsed.call.name,
          message: report.message,
          fraction: report.fraction,
        }),
      );
    const { id: toolCallId, name: toolName } = parsed.call;
    const runner = input.scope?.({ type: 'tool-call', ...base, toolCallId, toolName });
    const outcome = await (runner ? runner(call) : call());
    return { ...outcome, durationMs: performance.now() - started };
  };
  const records = new Array<ToolCallRecord>(calls.length);
  const finish = (index: number, outcome: TimedOutcome): AgentEvent => {
    const record = recordOf(calls[index]!, outcome, decisions);
    records[index] = record;
    const { toolCallId, result, approval, durationMs, images } = record;
    const ending: ToolCallOutcome =
      record.valid && !record.isError
        ? { ...callOf(calls[index]!), valid: true, isError: false, output: outcome.output }
        : { ...callOf(calls[index]!), isError: true, output: undefined };
    return {
      type: 'tool-call-end',
      ...base,
      toolCallId,
      result,
      ...(images ? { images } : {}),
      approval,
      durationMs,
      ...ending,
    };
  };
  if (calls.length === 1) {
    yield finish(0, yield* progress.until(timed(calls[0]!)));
  } else {
    const running = completions(calls, agent.toolConcurrency, timed);
    try {
      for (let count = 0; count < calls.length; count++) {
        const index = yield* progress.until(running.next());
        yield finish(index, running.results[index]!);
      }
    } finally {
      // Closed early (an abort, or a consumer that stopped reading): start no further call, nobody reads it.
      running.stop();
    }
  }
  const result: ToolStepResult = { records, messages: [], failed: [], endedWith: undefined };
  calls.forEach((parsed, index) => {
    const record = records[index]!;
    const message: ToolMessage = {
      role: 'tool',
      toolCallId: record.toolCallId,
      name: record.toolName,
      content: record.images ? toolMessageContent(record.result, record.images) : record.result,
    };
    if (record.isError) message.isError = true;
    result.messages.push(message);
    result.failed.push(record.isError && record.approval !== 'rejected');
    if (!record.isError && parsed.tool?.endsRun && result.endedWith === undefined)
      result.endedWith = record.result;
  });
  return result;
}

type TimedOutcome = ToolOutcome & { durationMs: number };

/** The call's name, validity and arguments (the raw string when they were not valid JSON). */
function callOf(parsed: ParsedToolCall | RejectedToolCall): ToolCallOf {
  const { name } = parsed.call;
  if (parsed.ok) return { toolName: name, valid: true, args: parsed.args };
  return {
    toolName: name,
    valid: false,
    args: parsed.args !== undefined ? parsed.args : parsed.call.arguments,
  };
}

function recordOf(
  parsed: ParsedToolCall | RejectedToolCall,
  outcome: TimedOutcome,
  decisions: ReadonlyMap<string, ApprovalDecision>,
): ToolCallRecord {
  const { call } = parsed;
  const decision = decisions.get(call.id);
  const approval = decision === undefined ? undefined : decision.approved ? 'approved' : 'rejected';
  return {
    toolCallId: call.id,
    ...callOf(parsed),
    result: outcome.content,
    ...(outcome.images ? { images: outcome.images } : {}),
    isError: outcome.isError,
    ...(approval ? { approval } : {}),
    durationMs: outcome.durationMs,
  };
}

async function runOne(
  parsed: ParsedToolCall | RejectedToolCall,
  input: ToolStepInput,
  onProgress: (progress: ToolProgress) => void,
): Promise<ToolOutcome> {
  const { agent } = input;
  if (!parsed.ok)
    return { content: truncateToolOutput(parsed.message, agent.toolOutputLimit), isError: true };
  const decision = input.decisions.get(parsed.call.id);
  if (decision && !decision.approved) {
    const content = rejectedCallText(parsed.call.name, decision.reason);
    return { content: truncateToolOutput(content, agent.toolOutputLimit), isError: true };
  }
  return executeTool(parsed, {
    signal: input.signal,
    timeoutMs: agent.toolTimeoutMs,
    outputLimit: agent.toolOutputLimit,
    sessionId: input.sessionId,
    context: input.context,
    agentName: agent.name,
    onProgress,
    runId: input.runId,
  });
}
