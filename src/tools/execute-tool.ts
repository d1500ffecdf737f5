import { abortErrorFrom } from '../errors.js';
import type { ImagePart } from '../models/types.js';
import type { ParsedToolCall } from './parse-arguments.js';
import { checkProgress } from './progress.js';
import { isToolContent, splitToolContent } from './tool-content.js';
import { stringifyToolOutput, thrownMessage, truncateToolOutput } from './tool-output.js';
import type { ToolContext, ToolProgress } from './types.js';

/** What {@link executeTool} needs besides the call. */
export interface ExecuteToolOptions {
  /** The run's signal, if it can abort; aborting it abandons the call and rejects with an `AbortError`. */
  signal: AbortSignal | undefined;
  /** Milliseconds before the call is abandoned (the tool's own `timeoutMs` wins). */
  timeoutMs: number | undefined;
  /** Characters of output kept before truncation. */
  outputLimit: number;
  /** Passed to `execute` as they are. */
  sessionId: string | undefined;
  context: unknown;
  agentName: string;
  /** Receives the tool's `reportProgress` calls, already checked, until the call finishes. */
  onProgress?: (progress: ToolProgress) => void;
  /** The run's id, for `context.runId` and `context.idempotencyKey`. */
  runId?: string;
}

/** The result of running one tool call: the text for the model, and whether it reports a failure. */
export interface ToolOutcome {
  content: string;
  /** The images, when the tool returned some with `toolContent()`; `content` is then its text. */
  images?: ImagePart[];
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
  if (runSignal?.aborted) throw abortErrorFrom(runSignal, `The run (in tool "${call.name}")`);
  // The tool's own signal: aborts when the run does or the call times out, so the tool can stop its work.
  const controller = new AbortController();
  let finished = false;
  const context: ToolContext = {
    signal: controller.signal,
    sessionId: options.sessionId,
    context: options.context,
    toolCallId: call.id,
    toolName: call.name,
    agentName: options.agentName,
    reportProgress(progress) {
      const checked = checkProgress(progress, call.name);
      if (!finished) options.onProgress?.(checked);
    },
  };
  if (options.runId !== undefined) {
    context.runId = options.runId;
    context.idempotencyKey = `${options.runId}:${call.id}`;
  }
  const timeoutMs = tool.timeoutMs ?? options.timeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const halted = new Promise<never>((_, reject) => {
    if (runSignal) {
      onAbort = () => {
        controller.abort(runSignal.reason);
        reject(abortErrorFrom(runSignal, `The run (in tool "${call.name}")`));
      };
      runSignal.addEventListener('abort', onAbort, { once: true });
    }
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        const error = new ToolTimeout(call.name, timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    }
  });
  try {
    // A synchronous throw, or a returned value whose `then` throws, is a tool failure like a rejection.
    const running = (async () => tool.execute(parsed.args, context))();
    return success(await Promise.race([running, halted]), options.outputLimit);
  } catch (error) {
    if (runSignal?.aborted) throw abortErrorFrom(runSignal, `The run (in tool "${call.name}")`);
    return failure(call.name, error, options.outputLimit);
  } finally {
    finished = true;
    clearTimeout(timer);
    if (onAbort) runSignal?.removeEventListener('abort', onAbort);
    // The race's loser may reject later; nobody awaits it, so mark it handled.
    halted.catch(() => {});
  }
}

function success(output: unknown, limit: number): ToolOutcome {
  if (isToolContent(output)) {
    const { text, images } = splitToolContent(output, limit);
    return images
      ? { content: text, images, isError: false, output }
      : { content: text, isError: false, output };
  }
  return { content: truncateToolOutput(stringifyToolOutput(output), limit), isError: false, output };
}

function failure(toolName: string, error: unknown, limit: number): ToolOutcome {
  const content = isToolTimeout(error)
    ? `Tool "${toolName}" timed out after ${error.timeoutMs} ms and was stopped.`
    : `Tool "${toolName}" failed: ${thrownMessage(error)}`;
  return { content: truncateToolOutput(content, limit), isError: true };
}

// `instanceof` asks a Proxy for its prototype, which a revoked Proxy answers by throwing.
function isToolTimeout(error: unknown): error is ToolTimeout {
  try {
    return error instanceof ToolTimeout;
  } catch {
    return false;
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
