import type { Agent } from '../agent/agent.js';
import type { AgentEvent } from '../agent/events.js';
import { stream } from '../agent/stream.js';
import type { ApprovalDecision, BaseRunOptions, RunInput, RunOptions, RunState } from '../agent/types.js';
import { isDragomanError, UserInputError } from '../errors.js';
import type { ToolSet } from '../tools/types.js';
import { defaultErrorText } from './event-chunks.js';
import { readChatRequest } from './read-chat-request.js';
import { createMemoryRunStateStore, type RunStateStore } from './run-state-store.js';
import { toResponse } from './to-response.js';
import type { ChatRequestBody, UIMessageInput } from './types.js';
import { toMessages } from './ui-messages.js';

/** What the handler's callbacks see of one request. */
export interface ChatRequestContext {
  request: Request;
  body: ChatRequestBody;
}

/** Options of {@link createChatHandler}. */
export interface ChatHandlerOptions {
  /**
   * The conversation's id: the agent's memory session and the key of its paused runs. Derive it from your
   * authentication in a multi-user app (`${user.id}:${body.id}`): the default trusts the chat id the
   * browser sends. @default body.id
   */
  session?: (context: ChatRequestContext) => string | undefined | Promise<string | undefined>;
  /** Where runs paused for approvals wait for the answer. @default createMemoryRunStateStore() */
  runStates?: RunStateStore;
  /** Per-request run options: the tools' `context`, settings, `maxSteps`, ... */
  runOptions?: (
    context: ChatRequestContext,
  ) =>
    | (Omit<BaseRunOptions, 'session' | 'signal'> & { context?: unknown })
    | Promise<Omit<BaseRunOptions, 'session' | 'signal'> & { context?: unknown }>;
  /** The text sent for a failed run (in the stream, or the JSON error body). @default a dragoman error's message */
  errorText?: (error: unknown) => string;
  /** Extra response headers (CORS, ...). */
  headers?: HeadersInit;
}

/**
 * A web-standard route handler (`Request` in, `Response` out) that runs `agent` for a `useChat` UI: it
 * reads the UI's messages, runs the new user turn (with the memory session's history, or the UI's history
 * when the agent has no memory), and streams the run in the AI SDK UI message stream protocol. A run that
 * needs approvals pauses; the UI's approve/deny answer (`addToolApprovalResponse`) resumes it in the same
 * assistant message. A client that disconnects aborts the run. Bad requests get a JSON 400 that names the field.
 * @example
 * const handler = createChatHandler(agent);
 * export const POST = handler; // Next.js route handler; Hono: app.post('/api/chat', (c) => handler(c.req.raw))
 */
export function createChatHandler<Tools extends ToolSet, Output>(
  agent: Agent<Tools, Output>,
  options: ChatHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const runStates = options.runStates ?? createMemoryRunStateStore();
  const errorText = options.errorText ?? defaultErrorText;
  const jsonError = (status: number, error: unknown) =>
    Response.json(
      {
        error: {
          message: errorText(error),
          ...(error instanceof UserInputError ? { path: error.path } : {}),
        },
      },
      { status, headers: options.headers },
    );

  return async (request) => {
    if (request.method !== 'POST') {
      return new Response(null, { status: 405, headers: { allow: 'POST' } });
    }
    let plan: RunPlan;
    try {
      const body = await readChatRequest(request);
      const context = { request, body };
      const key = options.session ? await options.session(context) : body.id;
      plan = await planRun(agent, body, key, runStates);
      const extra = (await options.runOptions?.(context)) ?? {};
      plan.options = { ...extra, ...(agent.memory && key !== undefined ? { session: key } : {}) };
    } catch (error) {
      return jsonError(error instanceof MissingRunError ? 409 : isDragomanError(error) ? 400 : 500, error);
    }
    const controller = new AbortController();
    const signal = AbortSignal.any([request.signal, controller.signal]);
    const events = stream(agent as Agent<ToolSet, Output>, plan.input, {
      ...plan.options,
      signal,
    } as RunOptions);
    const iterator = events[Symbol.asyncIterator]();
    // The first event comes after the input, the resume and the session were checked: a failure before it
    // is the request's fault (or the memory store's), so it gets a status code rather than a 200 stream.
    let first: IteratorResult<AgentEvent>;
    try {
      first = await iterator.next();
      if (!first.done && first.value.type === 'run-error') await iterator.next();
    } catch (error) {
      return jsonError(error instanceof UserInputError ? 400 : 500, error);
    }
    const saveState = async () => {
      const result = await events.result();
      if (result.status === 'pending-approval' && plan.key !== undefined)
        await runStates.set(plan.key, result.state);
    };
    return toResponse(holdRunEnd(iterator, first, saveState), {
      abortController: controller,
      ...(plan.messageId ? { messageId: plan.messageId } : {}),
      knownToolCalls: plan.knownToolCalls,
      errorText,
      ...(options.headers ? { headers: options.headers } : {}),
    });
  };
}

/** What one request runs: its input, the key of its paused runs, and the message it continues. */
interface RunPlan {
  input: RunInput;
  key: string | undefined;
  messageId?: string;
  knownToolCalls: string[];
  options?: Omit<BaseRunOptions, 'signal'> & { context?: unknown };
}

/** No paused run waits under the key an approval answer names (answered already, or a restarted server). */
class MissingRunError extends UserInputError {}

async function planRun(
  agent: Agent<ToolSet, unknown>,
  body: ChatRequestBody,
  key: string | undefined,
  runStates: RunStateStore,
): Promise<RunPlan> {
  const last = body.messages.at(-1) as UIMessageInput;
  const approvals = approvalAnswers(last);
  if (approvals !== undefined) {
    const state: RunState | undefined = key === undefined ? undefined : await runStates.take(key);
    if (state === undefined) {
      throw new MissingRunError(
        'invalid-input',
        `No run of chat "${key ?? '(no id)'}" is waiting for approvals.`,
        {
          path: 'messages',
          hint: 'It was answered already, or the server restarted; send the question again.',
        },
      );
    }
    const knownToolCalls = state.pendingApprovals.map((pending) => pending.toolCallId);
    return { input: { resume: state, approvals }, key, messageId: last.id, knownToolCalls };
  }
  if (last.role !== 'user') {
    throw new UserInputError(
      'invalid-input',
      `The last message is a ${last.role} message without approval answers.`,
      {
        path: `messages[${body.messages.length - 1}]`,
        hint: 'Send a new user message, or answer the pending approvals.',
      },
    );
  }
  if (key !== undefined) await runStates.delete(key);
  // A memory-backed session already holds the history: only the new turn is input.
  const input = agent.memory && key !== undefined ? toMessages([last]) : toMessages(body.messages);
  return { input, key, knownToolCalls: [] };
}

/** The approve/deny answers in the last message's tool parts, or undefined when it carries none. */
function approvalAnswers(message: UIMessageInput): Record<string, ApprovalDecision> | undefined {
  if (message.role !== 'assistant') return undefined;
  const answers: Record<string, ApprovalDecision> = {};
  let any = false;
  for (const part of message.parts) {
    if (part.state !== 'approval-responded' || typeof part.toolCallId !== 'string' || !part.approval)
      continue;
    any = true;
    const { approved, reason } = part.approval;
    answers[part.toolCallId] =
      approved === true ? { approved: true } : { approved: false, ...(reason ? { reason } : {}) };
  }
  return any ? answers : undefined;
}

/**
 * The run's events with `run-end` held back until the run's result is in and a paused run's state is
 * saved, so a browser that answers the approval at once always finds the state.
 */
async function* holdRunEnd(
  iterator: AsyncIterator<AgentEvent>,
  first: IteratorResult<AgentEvent>,
  saveState: () => Promise<void>,
): AsyncGenerator<AgentEvent> {
  let held: AgentEvent | undefined;
  let next = first;
  let finished = false;
  try {
    while (!next.done) {
      if (next.value.type === 'run-end') held = next.value;
      else yield next.value;
      next = await iterator.next();
    }
    finished = true;
  } finally {
    if (!finished) await iterator.return?.();
  }
  await saveState();
  if (held) yield held;
}
