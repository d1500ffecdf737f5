import type { AgentEvent } from '../agent/events.js';
import { isDragomanError } from '../errors.js';
import { dataChunk } from './data-chunks.js';
import type { DragomanMessageMetadata, UIMessageChunk } from './types.js';

/** Options of {@link createChunkEncoder}. */
export interface ChunkEncoderOptions {
  /**
   * The id of the assistant message the chunks build. Pass the id of the message being continued when a
   * run resumes after approvals, so the UI keeps one message. @default the run id
   */
  messageId?: string;
  /**
   * Tool call ids the UI already shows (the calls a resumed run was waiting on): their input is not sent
   * again, only their outcome.
   */
  knownToolCalls?: Iterable<string>;
  /**
   * The text an `error` chunk carries for a failed run. The default sends a dragoman error's message (they
   * never contain secrets) and a fixed sentence for anything else, which may carry internals.
   */
  errorText?: (error: unknown) => string;
}

/** Turns a run's events into protocol chunks, one event at a time; `fail` ends the message on an error. */
export interface ChunkEncoder {
  encode(event: AgentEvent): UIMessageChunk[];
  /** The chunks that end the message when the run threw (`abort` for an abort, else `error` + `finish`). */
  fail(error: unknown): UIMessageChunk[];
}

/** The default `errorText`: a dragoman error's own message, else a sentence that reveals nothing. */
export function defaultErrorText(error: unknown): string {
  return isDragomanError(error) ? error.message : 'The agent run failed; the server log has the details.';
}

/**
 * Creates the stateful encoder of one run: it opens a step part before a step's first event, a text part
 * before its first delta, closes them in order, and sends each tool call's input once.
 */
export function createChunkEncoder(options: ChunkEncoderOptions = {}): ChunkEncoder {
  const known = new Set(options.knownToolCalls ?? []);
  const errorText = options.errorText ?? defaultErrorText;
  let openStep: number | undefined;
  let openText: string | undefined;
  let lastRoute: { route: string | undefined; model: string } | undefined;
  let ended = false;

  const closeText = (chunks: UIMessageChunk[]) => {
    if (openText !== undefined) chunks.push({ type: 'text-end', id: openText });
    openText = undefined;
  };
  const enterStep = (chunks: UIMessageChunk[], step: number) => {
    if (openStep === step) return;
    closeText(chunks);
    chunks.push({ type: 'start-step' });
    openStep = step;
  };
  const announce = (chunks: UIMessageChunk[], toolCallId: string, toolName: string, input: unknown) => {
    if (known.has(toolCallId)) return;
    known.add(toolCallId);
    closeText(chunks);
    chunks.push({ type: 'tool-input-available', toolCallId, toolName, input });
  };

  function encode(event: AgentEvent): UIMessageChunk[] {
    const chunks: UIMessageChunk[] = [];
    switch (event.type) {
      case 'run-start': {
        const metadata: DragomanMessageMetadata = { runId: event.runId, agent: event.agent };
        chunks.push({
          type: 'start',
          messageId: options.messageId ?? event.runId,
          messageMetadata: metadata,
        });
        break;
      }
      case 'route-select':
      case 'model-substituted':
      case 'context-trim':
        enterStep(chunks, event.step);
        chunks.push(dataChunk(event, errorText));
        break;
      case 'model-deprecated':
      case 'model-retry':
      case 'tool-progress':
        chunks.push(dataChunk(event, errorText));
        break;
      case 'step-start':
        enterStep(chunks, event.step);
        lastRoute = { route: event.route, model: event.model };
        break;
      case 'text-delta':
        if (event.text === '') break;
        if (openText === undefined) {
          openText = `text-${event.runId}-${event.step}`;
          chunks.push({ type: 'text-start', id: openText });
        }
        chunks.push({ type: 'text-delta', id: openText, delta: event.text });
        break;
      case 'tool-approval-request':
        announce(chunks, event.toolCallId, event.toolName, event.args);
        chunks.push({
          type: 'tool-approval-request',
          approvalId: event.toolCallId,
          toolCallId: event.toolCallId,
        });
        break;
      case 'tool-call-start':
        announce(chunks, event.toolCallId, event.toolName, event.args);
        break;
      case 'tool-call-end':
        announce(chunks, event.toolCallId, event.toolName, event.args);
        if (event.approval === 'rejected')
          chunks.push({ type: 'tool-output-denied', toolCallId: event.toolCallId });
        else if (event.isError) {
          chunks.push({ type: 'tool-output-error', toolCallId: event.toolCallId, errorText: event.result });
        } else {
          const output = event.output === undefined ? event.result : event.output;
          chunks.push({ type: 'tool-output-available', toolCallId: event.toolCallId, output });
        }
        break;
      case 'step-end':
        closeText(chunks);
        lastRoute = { route: event.route, model: event.model };
        chunks.push(dataChunk(event, errorText), { type: 'finish-step' });
        openStep = undefined;
        break;
      case 'run-end':
        closeText(chunks);
        ended = true;
        chunks.push({
          type: 'finish',
          finishReason: event.status === 'pending-approval' ? 'tool-calls' : 'stop',
          messageMetadata: {
            runId: event.runId,
            agent: event.agent,
            status: event.status,
            ...(lastRoute ?? {}),
            usage: event.usage.total,
            cost: event.usage.cost,
            steps: event.steps,
            durationMs: event.durationMs,
          },
        });
        break;
      // The run's error ends the message through fail(), when the iteration throws.
      case 'model-call-end':
      case 'run-error':
      case 'listener-error':
        break;
      default:
        // A new event type must be mapped (or listed above) before this compiles.
        return unmapped(event);
    }
    return chunks;
  }

  function fail(error: unknown): UIMessageChunk[] {
    if (ended) return [];
    ended = true;
    const chunks: UIMessageChunk[] = [];
    closeText(chunks);
    if (isAbort(error)) {
      chunks.push({ type: 'abort', reason: error instanceof Error ? error.message : 'aborted' });
      return chunks;
    }
    chunks.push({ type: 'error', errorText: errorText(error) }, { type: 'finish', finishReason: 'error' });
    return chunks;
  }

  return { encode, fail };
}

function unmapped(event: never): never {
  throw new Error(`No protocol mapping for event ${JSON.stringify(event)}.`);
}

function isAbort(error: unknown): boolean {
  return (
    (isDragomanError(error) && error.code === 'aborted') ||
    (error instanceof Error && error.name === 'AbortError')
  );
}
