import { abortErrorFrom } from '../errors.js';
import type { ParsedToolCall } from './parse-arguments.js';
import { stringifyToolOutput, truncateToolOutput } from './tool-output.js';
import type { ToolContext } from './types.js';

/** What {@link executeTool} needs besides the call. */
export interface ExecuteToolOptions {
  /** The run's signal; aborting it abandons the call and rejects with an `AbortError`. */
  signal: AbortSignal;
  /** Milliseconds before the call is abandoned (the tool's own `timeoutMs` wins). */
  timeoutMs: number | undefined;
  /** Characters of output kept before truncation. */
  outputLimit: number;
  /** Passed to `execute` as they are. */
  sessionId: string | undefined;
  context: unknown;
  agentName: string;
}

/** The result of running one tool call: the text for the model, and whether it reports a failure. */
export interface ToolOutcome {
  content: string;
  isError: boolean;
  /** The value `execute` returned, before stringifying (absent on failure). */
  output?: unknown;
}

/**
 * Runs one validated tool call. A throwing tool or a timeout becomes an error outcome the model can read;
 * an aborted run rejects with an `AbortError` at once (the tool's `context.signal` aborts too, so it can stop
 * its own work). Output is stringified and truncated to `outputLimit` with a visible marker.
 */
export async function executeTool(parsed: ParsedToolCall, options: ExecuteToolOptions): Promise<ToolOutcome> {
  const { call, tool } = parsed;
  const runSignal = options.signal;
  if (runSignal.aborted) throw abortErrorFrom(runSignal, `The run (in tool "${call.name}")`);
  const timeoutMs = tool.timeoutMs ?? options.timeoutMs;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => {
      controller.abort(runSignal.reason);
      reject(abortErrorFrom(runSignal, `The run (in tool "${call.name}")`));
    };
    runSignal.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        const error = new ToolTimeout(call.name, timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    }
  });
  const context: ToolContext = {
    signal: controller.signal,
    sessionId: options.sessionId,
    context: options.context,
    toolCallId: call.id,
    toolName: call.name,
    agentName: options.agentName,
  };
  try {
    const output = await Promise.race([Promise.resolve(tool.execute(parsed.args, context)), stopped]);
    return {
      content: truncateToolOutput(stringifyToolOutput(output), options.outputLimit),
      isError: false,
      output,
    };
  } catch (error) {
    if (runSignal.aborted) throw abortErrorFrom(runSignal, `The run (in tool "${call.name}")`);
    const content =
      error instanceof ToolTimeout
        ? `Tool "${call.name}" timed out after ${error.timeoutMs} ms and was stopped.`
        : `Tool "${call.name}" failed: ${error instanceof Error ? error.message : String(error)}`;
    return { content: truncateToolOutput(content, options.outputLimit), isError: true };
  } finally {
    clearTimeout(timer);
    if (onAbort) runSignal.removeEventListener('abort', onAbort);
    // The race's loser may reject later; nobody awaits it, so mark it handled.
    stopped.catch(() => {});
  }
}

class ToolTimeout extends Error {
  constructor(
    toolName: string,
    readonly timeoutMs: number,
  ) {
    super(`Tool "${toolName}" timed out after ${timeoutMs} ms.`);
  }
}
