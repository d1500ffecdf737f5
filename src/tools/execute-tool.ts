import { abortErrorFrom } from '../errors.js';
import type { ImagePart, TextPart } from '../models/types.js';
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
  /** Text and images, when the tool returned images with `toolContent()`; `content` is then their text. */
  parts?: Array<TextPart | ImagePart>;
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
  // Created on first read of context.signal: most tools never read it, and an AbortController is not free.
  let controller: AbortController | undefined;
  let stopped: { reason: unknown } | undefined;
  const stop = (reason: unknown) => {
    stopped = { reason };
    controller?.abort(reason);
  };
  const context: ToolContext = {
    get signal() {
      if (controller === undefined) {
        controller = new AbortController();
        if (stopped) controller.abort(stopped.reason);
      }
      return controller.signal;
    },
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
  let finished = false;
  if (options.runId !== undefined) {
    context.runId = options.runId;
    context.idempotencyKey = `${options.runId}:${call.id}`;
  }
  let returned: unknown;
  let pending: boolean;
  try {
    returned = tool.execute(parsed.args, context);
    pending = isThenable(returned); // reading `then` can throw (a getter, a Proxy): a tool failure too
  } catch (error) {
    finished = true;
    return failure(call.name, error, options.outputLimit);
  }
  // A synchronous tool is done already: no timer, no abort wiring.
  if (!pending) {
    finished = true;
    return success(returned, options.outputLimit);
  }
  const timeoutMs = tool.timeoutMs ?? options.timeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const halted = new Promise<never>((_, reject) => {
    if (runSignal) {
      onAbort = () => {
        stop(runSignal.reason);
        reject(abortErrorFrom(runSignal, `The run (in tool "${call.name}")`));
      };
      runSignal.addEventListener('abort', onAbort, { once: true });
    }
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        const error = new ToolTimeout(call.name, timeoutMs);
        stop(error);
        reject(error);
      }, timeoutMs);
    }
  });
  try {
    return success(await Promise.race([returned, halted]), options.outputLimit);
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
    const { text, parts } = splitToolContent(output, limit);
    return parts
      ? { content: text, parts, isError: false, output }
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

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

class ToolTimeout extends Error {
  constructor(
    toolName: string,
    readonly timeoutMs: number,
  ) {
    super(`Tool "${toolName}" timed out after ${timeoutMs} ms.`);
  }
}
